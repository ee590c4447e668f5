import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** At most this many minidumps (the newest) go into a diagnostics zip. */
const MAX_DUMPS = 5

/** The newest minidumps (`*.dmp`) under the crash reporter's folder, any depth (Crashpad keeps them in subfolders). */
export async function readCrashDumps(folder: string): Promise<{ name: string; data: Uint8Array }[]> {
  const found: { path: string; name: string; mtime: number }[] = []
  const walk = async (dir: string, depth: number): Promise<void> => {
    let names: string[]
    try {
      names = await readdir(dir)
    } catch {
      return
    }
    for (const name of names) {
      const path = join(dir, name)
      const info = await stat(path).catch(() => null)
      if (info?.isDirectory() && depth < 3) await walk(path, depth + 1)
      else if (info?.isFile() && name.endsWith('.dmp')) found.push({ path, name, mtime: info.mtimeMs })
    }
  }
  await walk(folder, 0)
  const newest = found.sort((a, b) => b.mtime - a.mtime).slice(0, MAX_DUMPS)
  return Promise.all(newest.map(async (dump) => ({ name: dump.name, data: new Uint8Array(await readFile(dump.path)) })))
}
