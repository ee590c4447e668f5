import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const noNode = { group: nodeBuiltins, message: 'Node built-ins are not available here.' }
const noElectron = { group: ['electron', 'electron/*'], message: 'Only the composition root, platform adapters, windows and the IPC binding may import electron.' }
// Layers checked by path (VS Code's code-layering): a relative import may not climb into a layer
// above it. Regexes on the import string, since `../` paths never match gitignore-style groups.
const coreUpward = {
  regex: '^(\\.\\./)+(platform|windows|ipc|harness|composeServices|trayAndShortcuts|index)(/|$)',
  message: 'core/ depends on ports only: platform, windows, ipc, the harness and the composition roots sit above it (docs/architecture.md, "Layers").',
}
const coreToRenderer = { regex: '^(\\.\\./)+renderer(/|$)', message: 'core/ runs in main; the renderer is another process.' }
const rendererToElectron = {
  regex: '^(\\.\\./)+electron(/|$)',
  message: 'The renderer reaches main only through the bridge (window.sightline); shared/ holds what both sides use.',
}
/** shared/ compiles for both processes, so it imports nothing outside shared/ (`depth` = folders below shared/). */
const sharedOutward = (depth) => ({
  regex: `^(\\.\\./){${depth + 1},}`,
  message: 'shared/ imports nothing outside shared/: it runs in main, the preload and the renderer alike.',
})
const noRawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the contract: raw ipcMain/ipcRenderer belong only to the IPC binding and the preload.',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: globals.node } },
  // Main-process code: electron only where the architecture allows it; raw ipcMain only in the binding.
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/electronIpcBinding.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noRawIpc] }] },
  },
  {
    files: ['electron/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            { group: ['keytar', 'sharp', '@google/genai', '@google/genai/*', 'ws', 'uiohook-napi'], message: 'core/ talks to technology only through core/ports/.' },
            coreUpward,
            coreToRenderer,
          ],
        },
      ],
    },
  },
  // The token service is deployed apart from the app: it shares only the wire schemas in shared/.
  {
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noElectron, { group: ['**/electron/**', '**/renderer/**', '**/test/**'], message: 'The token service shares only shared/ wire schemas with the app.' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue', 'shared/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron, rendererToElectron] }] },
  },
  { files: ['shared/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron, sharedOutward(0)] }] } },
  { files: ['shared/*/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron, sharedOutward(1)] }] } },
  { files: ['shared/*/*/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noElectron, sharedOutward(2)] }] } },
  {
    files: ['renderer/src/audio/worklets/**/*.ts'],
    languageOptions: { globals: { ...globals.audioWorklet } },
  },
)
