import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SETTINGS_VERSION, defaultSettingsFor, type Settings, type SettingsPatch } from '../../../shared/settings'
import { SettingsService } from '../../../electron/main/core/settings/settingsService'
import { SettingsError } from '../../../electron/main/core/settings/settingsError'
import { InMemorySettingsRepository } from '../../support/settings/inMemorySettingsRepository'
import { VERSION_1_FILE, VERSION_1_MIGRATED } from '../../support/settings/settingsFixtures'

const NOW = Date.UTC(2025, 5, 1, 12, 30, 15, 250)
const STAMP = '2025-06-01T12-30-15-250Z'

async function open(repository: InMemorySettingsRepository) {
  return SettingsService.open({ repository, now: () => NOW })
}

async function settingsError(promise: Promise<unknown>): Promise<SettingsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(SettingsError)
  return error as SettingsError
}

describe('SettingsService', () => {
  it('starts with defaults on a first run and writes nothing until something changes', async () => {
    const repository = new InMemorySettingsRepository()
    const service = await open(repository)
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.notices()).toEqual([])
    expect(repository.saves).toEqual([])
  })

  it('saves a change and loads it back in the next run', async () => {
    const repository = new InMemorySettingsRepository()
    const service = await open(repository)
    const saved = await service.update({ voice: 'Kore', capture: { framesPerSecond: 0.5 } })
    expect(saved.voice).toBe('Kore')
    expect(saved.capture).toEqual({ ...DEFAULT_SETTINGS.capture, framesPerSecond: 0.5 })
    const nextRun = await open(repository)
    expect(nextRun.get()).toEqual(saved)
    expect(nextRun.notices()).toEqual([])
  })

  it('tells listeners about a saved change with what it replaced', async () => {
    const service = await open(new InMemorySettingsRepository())
    const seen: Array<[Settings, Settings]> = []
    const stop = service.onChange((next, previous) => seen.push([next, previous]))
    await service.update({ vad: { mode: 'hands-free' } })
    stop.dispose()
    await service.update({ vad: { mode: 'push-to-talk' } })
    expect(seen).toHaveLength(1)
    expect(seen[0]![0].vad.mode).toBe('hands-free')
    expect(seen[0]![1].vad.mode).toBe('push-to-talk')
  })

  it('does not write or notify when a change changes nothing', async () => {
    const repository = new InMemorySettingsRepository()
    const service = await open(repository)
    let calls = 0
    service.onChange(() => calls++)
    await service.update({ voice: DEFAULT_SETTINGS.voice })
    expect(repository.saves).toEqual([])
    expect(calls).toBe(0)
  })

  it('applies quick successive changes on top of each other', async () => {
    const repository = new InMemorySettingsRepository()
    const service = await open(repository)
    await Promise.all([service.update({ voice: 'Kore' }), service.update({ hotkey: 'Alt+Space' }), service.update({ capture: { jpegQuality: 60 } })])
    expect(service.get()).toMatchObject({ voice: 'Kore', hotkey: 'Alt+Space', capture: { jpegQuality: 60 } })
    expect(JSON.parse(repository.text!)).toEqual(service.get())
  })

  describe('refuses bad values with a message naming the field', () => {
    it.each<[string, unknown, string]>([
      ['a frame rate above 1 FPS', { capture: { framesPerSecond: 5 } }, 'capture.framesPerSecond'],
      ['an unknown VAD mode', { vad: { mode: 'sometimes' } }, 'vad.mode'],
      ['a malformed language', { languageCode: 'english' }, 'languageCode'],
      ['a setting that does not exist', { theme: 'dark' }, 'theme'],
      ['an unknown key inside a group', { capture: { fps: 1 } }, 'capture.fps'],
    ])('%s', async (_what, patch, field) => {
      const repository = new InMemorySettingsRepository()
      const service = await open(repository)
      const error = await settingsError(service.update(patch as SettingsPatch))
      expect(error.code).toBe('INVALID_SETTINGS')
      expect(error.fields).toEqual([field])
      expect(error.message).toContain(`"${field}"`)
      expect(service.get()).toEqual(DEFAULT_SETTINGS)
      expect(repository.saves).toEqual([])
    })

    it('with the schema’s own reason', async () => {
      const service = await open(new InMemorySettingsRepository())
      const error = await settingsError(service.update({ languageCode: 'english' }))
      expect(error.message).toBe('"languageCode" is not valid: language must look like en-US.')
    })
  })

  it('keeps the previous settings when the file cannot be written', async () => {
    const repository = new InMemorySettingsRepository()
    const service = await open(repository)
    repository.failSave = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    const error = await settingsError(service.update({ voice: 'Kore' }))
    expect(error.code).toBe('SETTINGS_SAVE_FAILED')
    expect(error.message).toContain('the disk is full')
    expect(service.get().voice).toBe(DEFAULT_SETTINGS.voice)
    repository.failSave = null
    expect((await service.update({ hotkey: 'Alt+Space' })).voice).toBe(DEFAULT_SETTINGS.voice)
  })

  it('moves a corrupt file aside, uses defaults and says so', async () => {
    const damaged = '{"version": 2, "voice": "Ko'
    const repository = new InMemorySettingsRepository(damaged)
    const service = await open(repository)
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(repository.text).toBeNull()
    expect(repository.backups.get(`settings.json.corrupt-${STAMP}`)).toBe(damaged)
    expect(service.notices()).toEqual([
      {
        kind: 'corrupt',
        code: 'SETTINGS_CORRUPT',
        params: { backupPath: `settings.json.corrupt-${STAMP}` },
        message: `Your settings file was damaged, so Sightline started with default settings. The damaged file was kept as settings.json.corrupt-${STAMP}.`,
        backupPath: `settings.json.corrupt-${STAMP}`,
        resetFields: [],
      },
    ])
    await service.update({ voice: 'Kore' })
    expect(JSON.parse(repository.text!).voice).toBe('Kore')
  })

  it('treats JSON that is not a settings object as corrupt', async () => {
    const repository = new InMemorySettingsRepository('[1,2,3]')
    const service = await open(repository)
    expect(service.notices().map((n) => n.kind)).toEqual(['corrupt'])
    expect(repository.backups.size).toBe(1)
  })

  it('uses defaults and says why when the file cannot be opened', async () => {
    const repository = new InMemorySettingsRepository('{}')
    repository.failLoad = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    const service = await open(repository)
    expect(service.get()).toEqual(DEFAULT_SETTINGS)
    expect(service.notices()[0]).toMatchObject({ kind: 'unreadable', backupPath: `settings.json.unreadable-${STAMP}` })
    expect(service.notices()[0]!.message).toContain('permission denied')
  })

  it('migrates a version 1 file, keeps the original and saves the new shape', async () => {
    const original = JSON.stringify(VERSION_1_FILE)
    const repository = new InMemorySettingsRepository(original)
    const service = await open(repository)
    expect(service.get()).toEqual(VERSION_1_MIGRATED)
    expect(repository.backups.get(`settings.json.v1-${STAMP}`)).toBe(original)
    expect(JSON.parse(repository.text!)).toEqual(VERSION_1_MIGRATED)
    expect(service.notices()).toMatchObject([{ kind: 'migrated', backupPath: `settings.json.v1-${STAMP}`, resetFields: [] }])
    const nextRun = await open(repository)
    expect(nextRun.notices()).toEqual([])
  })

  it('keeps a newer version’s file as a backup and salvages the fields it knows', async () => {
    const newer = JSON.stringify({ ...DEFAULT_SETTINGS, version: SETTINGS_VERSION + 1, voice: 'Charon', avatar: 'cat' })
    const repository = new InMemorySettingsRepository(newer)
    const service = await open(repository)
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, voice: 'Charon' })
    expect(repository.backups.get(`settings.json.v${SETTINGS_VERSION + 1}-${STAMP}`)).toBe(newer)
    const [notice] = service.notices()
    expect(notice!.kind).toBe('newer-version')
    expect(notice!.message).toContain('newer version of Sightline')
  })

  it('resets a hand-edited bad value, names it and keeps the original', async () => {
    const edited = JSON.stringify({ ...DEFAULT_SETTINGS, voice: 'Kore', capture: { ...DEFAULT_SETTINGS.capture, jpegQuality: 101 } })
    const repository = new InMemorySettingsRepository(edited)
    const service = await open(repository)
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, voice: 'Kore' })
    expect(service.notices()).toEqual([
      {
        kind: 'invalid-values',
        code: 'SETTINGS_INVALID_VALUES',
        params: { fromVersion: SETTINGS_VERSION, backupPath: `settings.json.invalid-${STAMP}`, resetFields: 'capture.jpegQuality' },
        message:
          'These settings had values that cannot be used and were reset to their defaults: capture.jpegQuality. ' +
          `The original file was kept as settings.json.invalid-${STAMP}.`,
        backupPath: `settings.json.invalid-${STAMP}`,
        resetFields: ['capture.jpegQuality'],
      },
    ])
    expect(repository.backups.get(`settings.json.invalid-${STAMP}`)).toBe(edited)
  })

  it('leaves a foreign file untouched when it cannot be backed up first', async () => {
    const newer = JSON.stringify({ ...DEFAULT_SETTINGS, version: SETTINGS_VERSION + 1 })
    const repository = new InMemorySettingsRepository(newer)
    repository.copyAside = async () => {
      throw new Error('EROFS')
    }
    const service = await open(repository)
    expect(repository.text).toBe(newer)
    expect(repository.saves).toEqual([])
    expect(service.notices()[0]).toMatchObject({ kind: 'newer-version', backupPath: null })
  })
})

describe('platform defaults', () => {
  it('uses Ctrl+Shift+Space to talk on Windows and Linux and Option+Shift+Space on macOS', async () => {
    expect(defaultSettingsFor('linux').hotkey).toBe('Control+Shift+Space')
    expect(defaultSettingsFor('win32').hotkey).toBe('Control+Shift+Space')
    expect(defaultSettingsFor('darwin').hotkey).toBe('Alt+Shift+Space')
    const onMac = await SettingsService.open({ repository: new InMemorySettingsRepository(), defaults: defaultSettingsFor('darwin') })
    expect(onMac.get().hotkey).toBe('Alt+Shift+Space')
  })
})
