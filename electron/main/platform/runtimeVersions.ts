import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { release, type } from 'node:os'
import { dirname, join } from 'node:path'
import type { VersionInfo } from '../core/diagnostics/diagnosticsReport'

/** The @google/genai version actually loaded (its package.json, found from the module it resolves to). */
function sdkVersion(): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve('@google/genai'))
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
        if (pkg.name === '@google/genai' && pkg.version) return pkg.version
      } catch {
        // not this folder; go up
      }
    }
  } catch {
    // resolved nowhere: reported as unknown below
  }
  return 'unknown'
}

/** App, Electron, Chromium, Node, OS and SDK versions of this process (Electron's are null outside Electron). */
export function runtimeVersions(appVersion: string): VersionInfo {
  return {
    app: appVersion,
    electron: process.versions.electron ?? null,
    chromium: process.versions.chrome ?? null,
    node: process.versions.node,
    os: `${type()} ${release()} ${process.arch}`,
    sdk: sdkVersion(),
  }
}
