/**
 * The keyboard-hook check, run in a throw-away process: starts and stops uiohook-napi's global
 * hook and exits 0 when both worked. libuiohook aborts the process that fails to start it (no X
 * server, no RECORD extension, no accessibility permission), so the answer is the exit code and
 * what the library wrote to stderr, never an exception here. In the app this is an Electron
 * `utilityProcess` entry (electron.vite.config.ts builds it as out/main/uiohookProbe.js); tests
 * fork it with Node. It imports nothing from Electron, so both work.
 */
import { createRequire } from 'node:module'

// Not `require`: electron-vite's ESM output declares its own, and a second one will not parse.
const loadCommonJs = createRequire(import.meta.url)

try {
  const { uIOhook } = loadCommonJs('uiohook-napi') as typeof import('uiohook-napi')
  uIOhook.start()
  uIOhook.stop()
  process.exit(0)
} catch (error) {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
}
