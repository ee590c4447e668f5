#!/usr/bin/env node
// Builds the app (electron-vite: main, preload, renderer) and the harness bridge script.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'vite'

const root = join(import.meta.dirname, '..')
const app = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
if (app.status !== 0) process.exit(app.status ?? 1)

// The harness bridge stands in for the preload in the browser; it is a separate classic script
// so the app's own renderer bundle never contains the WebSocket code.
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    outDir: join(root, 'out/harness'),
    emptyOutDir: true,
    sourcemap: false,
    lib: { entry: join(root, 'renderer/harness/webSocketBridge.ts'), formats: ['iife'], name: 'SightlineHarnessBridge', fileName: () => 'bridge.js' },
  },
})
console.log('built out/main, out/preload, out/renderer, out/harness')
