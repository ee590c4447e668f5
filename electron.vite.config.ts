import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

const root = import.meta.dirname

/**
 * `npm run dev` only: Vite's dev server injects component styles as <style> elements, which the
 * strict CSP (style-src 'self') blocks. Built pages never need this; the CSP test reads the source.
 */
const devServerStyles: Plugin = {
  name: 'sightline-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
}

/** Entries are named explicitly so the folder layout, not electron-vite's defaults, decides what is built. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The keyboard-hook check, run as an Electron utilityProcess (electronKeyboardHookCheck.ts).
          uiohookProbe: resolve(root, 'electron/utility/uiohookProbe.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require npm packages, so everything it uses is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        // One narrow preload per window kind: the overlays only receive what they show.
        input: { index: resolve(root, 'electron/preload/index.ts'), overlay: resolve(root, 'electron/preload/overlay.ts'), region: resolve(root, 'electron/preload/region.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue(), devServerStyles],
    // vue-i18n's feature flags: Composition API only, no devtools hook in the bundle.
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      outDir: resolve(root, 'out/renderer'),
      sourcemap: false,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html'), overlay: resolve(root, 'renderer/overlay/index.html'), region: resolve(root, 'renderer/overlay/region.html') } },
    },
  },
})
