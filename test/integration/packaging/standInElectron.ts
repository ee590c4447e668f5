import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The marker @electron/fuses looks for in an Electron binary; the fuse wire follows it. */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/**
 * The fuse wire a stock Electron ships with, in @electron/fuses' V1 order: RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-load-from-asar off,
 * browser V8 snapshot off, file:// extra privileges on. '1' is enabled, '0' disabled.
 */
export const stockFuseWire = '10110001'

/**
 * Writes a stand-in for an unpacked Linux Electron distribution, for electron-builder's
 * `electronDist`: an `electron` executable (a shell script that only says what it is, carrying a
 * V1 fuse wire so electron-builder's fuse step has something real to flip), the `version` file,
 * Electron's LICENSE and an empty `resources/`. It cannot run the app; it lets packaging run
 * offline, where the real binary cannot be downloaded.
 */
export async function createStandInElectron(dir: string, electronVersion: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true })
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: packaging tests only, it cannot run an app" >&2\nexit 1\n# '),
    Buffer.from(fuseSentinel, 'ascii'),
    Buffer.from([1, stockFuseWire.length]),
    Buffer.from(stockFuseWire, 'ascii'),
    Buffer.from('\n'),
  ])
  await writeFile(join(dir, 'electron'), executable)
  await chmod(join(dir, 'electron'), 0o755)
  await writeFile(join(dir, 'version'), electronVersion)
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron LICENSE file.\n')
  return dir
}
