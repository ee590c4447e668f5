import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const noNode = { group: nodeBuiltins, message: 'Node built-ins are not available here.' }
const noElectron = { group: ['electron', 'electron/*'], message: 'Only the composition root, platform adapters, windows and the IPC binding may import electron.' }
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
            { group: ['keytar', 'sharp', '@google/genai', '@google/genai/*', 'ws', 'uiohook-napi'], message: 'core/ talks to technology only through ports.ts.' },
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
    files: ['renderer/src/audio/worklets/**/*.ts'],
    languageOptions: { globals: { ...globals.audioWorklet } },
  },
)
