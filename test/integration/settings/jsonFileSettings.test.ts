import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../shared/settings'
import { SettingsService } from '../../../electron/main/core/settings/settingsService'
import { SettingsError } from '../../../electron/main/core/settings/settingsError'
import { JsonFileSettingsRepository } from '../../../electron/main/platform/jsonFileSettingsRepository'
import { VERSION_1_FILE, VERSION_1_MIGRATED } from '../../support/settings/settingsFixtures'

const NOW = Date.UTC(2025, 5, 1, 12, 30, 15, 250)
const STAMP = '2025-06-01T12-30-15-250Z'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sightline-settings-'))
  file = join(dir, 'settings.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const open = () => SettingsService.open({ repository: new JsonFileSettingsRepository({ directory: dir }), now: () => NOW })

describe('settings in a JSON file in the user-data folder', () => {
  it('round-trips a change through the file into the next run', async () => {
    const service = await open()
    await service.update({ voice: 'Kore', vad: { mode: 'hands-free', silenceDurationMs: 900 }, devices: { inputDeviceId: 'mic-2' } })
    const onDisk = JSON.parse(await readFile(file, 'utf8'))
    expect(onDisk).toMatchObject({ version: SETTINGS_VERSION, voice: 'Kore', vad: { mode: 'hands-free', silenceDurationMs: 900 } })

    const nextRun = await open()
    expect(nextRun.get()).toEqual(service.get())
    expect(nextRun.notices()).toEqual([])
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('creates the user-data folder when it does not exist yet', async () => {
    const nested = join(dir, 'Sightline', 'profile')
    const service = await SettingsService.open({ repository: new JsonFileSettingsRepository({ directory: nested }) })
    await service.update({ startAtLogin: true })
    expect(JSON.parse(await readFile(join(nested, 'settings.json'), 'utf8')).startAtLogin).toBe(true)
  })

  it('moves a corrupt file aside, starts with defaults and tells the user', async () => {
    const damaged = '{"version": 2, "voice": "Kore", "vad": {'
    await writeFile(file, damaged)
    const service = await open()
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    const backup = join(dir, `settings.json.corrupt-${STAMP}`)
    expect(service.notices()).toMatchObject([{ kind: 'corrupt', backupPath: backup }])
    expect(service.notices()[0]!.message).toContain(backup)
    expect(await readFile(backup, 'utf8')).toBe(damaged)
    expect(await readdir(dir)).toEqual([`settings.json.corrupt-${STAMP}`])

    await service.update({ voice: 'Charon' })
    expect((await open()).get().voice).toBe('Charon')
    expect(await readFile(backup, 'utf8')).toBe(damaged)
  })

  it('recovers when the settings path cannot be read as a file', async () => {
    await mkdir(file)
    const service = await open()
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.notices()).toMatchObject([{ kind: 'unreadable', backupPath: join(dir, `settings.json.unreadable-${STAMP}`) }])
    expect(service.notices()[0]!.message).toContain('it is a folder, not a file')
    await service.update({ voice: 'Kore' })
    expect((await open()).get().voice).toBe('Kore')
  })

  it('byte-order mark: a settings file saved with a UTF-8 BOM keeps every setting', async () => {
    await writeFile(file, '\uFEFF' + JSON.stringify({ ...DEFAULT_SETTINGS, voice: 'Kore', hotkey: 'F13' }))
    const service = await open()
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, voice: 'Kore', hotkey: 'F13' })
    expect(service.notices()).toEqual([])
  })

  it('oversized file: a 50 MB settings file is not read; it is moved aside once and defaults are used', async () => {
    await writeFile(file, JSON.stringify({ ...DEFAULT_SETTINGS, systemInstruction: 'x' }).replace('"x"', `"${'x'.repeat(50 * 1024 * 1024)}"`))
    const service = await open()
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.notices()).toMatchObject([{ kind: 'unreadable', backupPath: join(dir, `settings.json.unreadable-${STAMP}`) }])
    expect(service.notices()[0]!.message).toMatch(/more than settings ever take/)
    expect(await readdir(dir)).toEqual([`settings.json.unreadable-${STAMP}`])
  })

  it('named pipe: a FIFO in place of settings.json does not hang startup; it is refused and moved aside', async () => {
    const made = spawnSync('mkfifo', [file])
    expect(made.status).toBe(0)
    const started = Date.now()
    const service = await open()
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.notices()[0]!.message).toContain('it is not a regular file')
    await service.update({ voice: 'Kore' })
    expect((await open()).get().voice).toBe('Kore')
  })

  it('migrates a version 1 file, keeping the original beside it', async () => {
    const original = JSON.stringify(VERSION_1_FILE, null, 2)
    await writeFile(file, original)
    const service = await open()
    expect(service.get()).toEqual(VERSION_1_MIGRATED)
    expect(service.notices()).toMatchObject([{ kind: 'migrated', backupPath: join(dir, `settings.json.v1-${STAMP}`) }])
    expect(await readFile(join(dir, `settings.json.v1-${STAMP}`), 'utf8')).toBe(original)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(VERSION_1_MIGRATED)
    expect((await open()).notices()).toEqual([])
  })

  it('keeps a newer version’s file as a backup and uses the settings it understands', async () => {
    const newerVersion = SETTINGS_VERSION + 1
    const original = JSON.stringify({ ...DEFAULT_SETTINGS, version: newerVersion, voice: 'Charon', hotkey: 'F13', wakeWord: 'hey sightline' })
    await writeFile(file, original)
    const service = await open()
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, voice: 'Charon', hotkey: 'F13' })
    expect(service.notices()).toMatchObject([{ kind: 'newer-version', backupPath: join(dir, `settings.json.v${newerVersion}-${STAMP}`) }])
    expect(await readFile(join(dir, `settings.json.v${newerVersion}-${STAMP}`), 'utf8')).toBe(original)
  })

  it('refuses a bad value with a message naming the field and leaves the file as it was', async () => {
    const service = await open()
    await service.update({ voice: 'Kore' })
    const before = await readFile(file, 'utf8')
    const error = await service.update({ capture: { jpegQuality: 5 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SettingsError)
    expect((error as SettingsError).code).toBe('INVALID_SETTINGS')
    expect((error as SettingsError).fields).toEqual(['capture.jpegQuality'])
    expect((error as SettingsError).message).toMatch(/^"capture\.jpegQuality" is not valid: /)
    expect(await readFile(file, 'utf8')).toBe(before)
  })
})

describe('saving settings atomically', () => {
  const SAVE_LOOP = fileURLToPath(new URL('./saveLoop.ts', import.meta.url))
  const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

  /** A valid settings file made large with trailing whitespace, so each save takes long enough to be interrupted. */
  const bigSettings = (voice: string) => `${JSON.stringify({ ...DEFAULT_SETTINGS, voice }, null, 2)}\n${' '.repeat(24 * 1024 * 1024)}\n`

  it('leaves the old file or the new one, never a partial one, when the process dies mid-save', async () => {
    const texts = [bigSettings('Kore'), bigSettings('Leda')]
    const inputs = join(dir, 'inputs')
    const userData = join(dir, 'userData')
    await mkdir(inputs)
    await writeFile(join(inputs, 'a'), texts[0]!)
    await writeFile(join(inputs, 'b'), texts[1]!)
    const target = join(userData, 'settings.json')
    let killedMidSave = 0

    // Rounds whose kill happened to miss a save still check the file; keep going until three hit one.
    for (let round = 0; round < 12 && killedMidSave < 3; round++) {
      const child = spawn(process.execPath, ['--import', TSX_LOADER, SAVE_LOOP, userData, join(inputs, 'a'), join(inputs, 'b')], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      // 'close' rather than 'exit': every line the process wrote has been read by then.
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
      let lastStarted = -1
      let lastFinished = -1
      const startedAt = new Map<number, number>()
      const durations: number[] = []
      // Once two saves have finished, kill the process part-way through the next one (at 20 %,
      // 50 % or 80 % of the quickest save so far), so the kill lands while data is being written.
      const fraction = [0.2, 0.5, 0.8][round % 3]!
      const killed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the save loop never got going')), 60_000)
        createInterface({ input: child.stdout }).on('line', (line) => {
          const [what, text] = line.split(' ') as ['saving' | 'saved', string]
          const n = Number(text)
          if (what === 'saved') {
            lastFinished = n
            durations.push(performance.now() - startedAt.get(n)!)
            return
          }
          startedAt.set(n, performance.now())
          if (n < 2 || lastStarted >= 2) return
          lastStarted = n
          const typical = Math.min(...durations)
          setTimeout(() => {
            child.kill('SIGKILL')
            clearTimeout(timer)
            resolve()
          }, typical * fraction)
        })
      })
      try {
        await killed
      } finally {
        child.kill('SIGKILL')
        await exited
      }
      if (lastFinished < lastStarted) killedMidSave++
      const onDisk = await readFile(target, 'utf8')
      expect(onDisk.length).toBe(texts[0]!.length)
      expect(texts).toContain(onDisk)
      // These files are padded far past the real size cap, to make each save slow enough to interrupt.
      const service = await SettingsService.open({ repository: new JsonFileSettingsRepository({ directory: userData, maxFileBytes: 64 * 1024 * 1024 }) })
      expect(['Kore', 'Leda']).toContain(service.get().voice)
      expect(service.notices()).toEqual([])
    }
    // Three kills landed inside a save call (it started and never finished).
    expect(killedMidSave).toBe(3)
  })
})
