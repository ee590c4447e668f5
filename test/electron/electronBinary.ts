import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Where the Electron binary is, or why there is none to launch. */
export type ElectronBinary = { path: string; missingReason: null } | { path: null; missingReason: string }

/**
 * Finds the Electron binary the `electron` npm package installed, the way the package's own
 * index.js does (ELECTRON_OVERRIDE_DIST_PATH, then `path.txt` → `dist/<path>`), but without
 * calling it: `require('electron')` starts a download when the binary is missing, and these
 * machines have the package but no network to fetch the binary with.
 */
export function findElectronBinary(): ElectronBinary {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { path: null, missingReason: 'the electron npm package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!relative && !override) {
    return {
      path: null,
      missingReason: `the Electron binary was never downloaded (no ${pathFile}); run "node node_modules/electron/install.js" where the network allows it`,
    }
  }
  const path = override ? join(override, relative ?? 'electron') : join(packageDir, 'dist', relative!)
  if (!existsSync(path)) return { path: null, missingReason: `the Electron binary ${path} does not exist` }
  return { path, missingReason: null }
}
