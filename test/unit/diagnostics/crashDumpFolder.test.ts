import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCrashDumps } from '../../../electron/main/platform/crashDumpFolder'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sightline-dumps-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function dump(path: string, ageSeconds: number, bytes = [0x4d, 0x44, 0x4d, 0x50]): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true })
  await writeFile(join(dir, path), new Uint8Array(bytes))
  const at = Date.now() / 1000 - ageSeconds
  await utimes(join(dir, path), at, at)
}

describe('the crash dump folder (what "include crash reports" adds to the diagnostics zip)', () => {
  it('finds minidumps in Crashpad\'s subfolders, newest first, at most five, and nothing else', async () => {
    for (let i = 0; i < 7; i++) await dump(`completed/dump-${i}.dmp`, i * 60)
    await dump('pending/late.dmp', 5)
    await dump('settings.dat', 0)
    await dump('attachments/notes.txt', 0)
    const found = await readCrashDumps(dir)
    expect(found.map((d) => d.name)).toEqual(['dump-0.dmp', 'late.dmp', 'dump-1.dmp', 'dump-2.dmp', 'dump-3.dmp'])
    expect(found[0]!.data).toEqual(new Uint8Array([0x4d, 0x44, 0x4d, 0x50]))
  })

  it('a folder that does not exist yet (no crash ever) is no dumps, not an error', async () => {
    expect(await readCrashDumps(join(dir, 'never-created'))).toEqual([])
  })

  it('does not wander deeper than Crashpad nests its database', async () => {
    await dump('a/b/c/d/e/deep.dmp', 0)
    await dump('a/b/shallow.dmp', 0)
    expect((await readCrashDumps(dir)).map((d) => d.name)).toEqual(['shallow.dmp'])
  })
})
