import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../shared/settings'
import { migrateSettings, NotSettingsError } from '../../../electron/main/core/settings/migrateSettings'
import { VERSION_1_FILE, VERSION_1_MIGRATED } from '../../support/settings/settingsFixtures'

describe('migrateSettings', () => {
  it('takes a current file as it is', () => {
    expect(migrateSettings(structuredClone(DEFAULT_SETTINGS))).toEqual({
      settings: DEFAULT_SETTINGS,
      fromVersion: SETTINGS_VERSION,
      kind: 'current',
      resetFields: [],
      replacedModel: null,
      droppedOptions: [],
    })
  })

  it('converts a flat version 1 file without a version key, moving its shut-down model and keeping every other choice', () => {
    expect(migrateSettings(VERSION_1_FILE)).toEqual({
      settings: VERSION_1_MIGRATED,
      fromVersion: 1,
      kind: 'older',
      resetFields: [],
      replacedModel: { from: 'gemini-2.0-flash-live-001', to: 'gemini-3.8-live' },
      droppedOptions: [
        'code execution (no current Live model offers it)',
        'written answers',
        'the spoken language',
        'the thinking budget',
        'thought summaries',
      ],
    })
  })

  it.each(['gemini-2.5-flash-native-audio-preview-09-2025', 'gemini-live-2.5-flash-preview', 'gemini-2.0-flash-live-001'])(
    'retired model: a version 2 file saved with %s moves once to gemini-3.8-live and loses code execution',
    (retired) => {
      const v2 = {
        ...structuredClone(DEFAULT_SETTINGS),
        version: 2,
        model: retired,
        affectiveDialog: true,
        thinking: { budget: 1024, includeThoughts: false },
        tools: { localTools: true, codeExecution: true, googleSearch: true },
      }
      const result = migrateSettings(v2)
      expect(result.kind).toBe('older')
      expect(result.fromVersion).toBe(2)
      expect(result.replacedModel).toEqual({ from: retired, to: 'gemini-3.8-live' })
      expect(result.settings.model).toBe('gemini-3.8-live')
      expect(result.settings.tools).toEqual({ localTools: true, googleSearch: true })
      expect(result.settings.thinking).toEqual({ budget: null, level: null, includeThoughts: false })
      expect(result.settings.affectiveDialog).toBe(false)
      expect(result.droppedOptions).toEqual(['code execution (no current Live model offers it)', 'the thinking budget', 'affective dialog'])
      expect(migrateSettings(result.settings).replacedModel).toBeNull()
    },
  )

  it('keeps a version 2 file on a current model as it was, apart from the removed code execution setting', () => {
    const v2 = { ...structuredClone(DEFAULT_SETTINGS), version: 2, model: 'gemini-2.5-flash-native-audio-preview-12-2025', thinking: { budget: 512, includeThoughts: true }, tools: { localTools: false, codeExecution: false, googleSearch: true } }
    const result = migrateSettings(v2)
    expect(result.replacedModel).toBeNull()
    expect(result.droppedOptions).toEqual([])
    expect(result.settings.model).toBe('gemini-2.5-flash-native-audio-preview-12-2025')
    expect(result.settings.thinking).toEqual({ budget: 512, level: null, includeThoughts: true })
    expect(result.settings.tools).toEqual({ localTools: false, googleSearch: true })
  })

  it('converts a version 1 file that says version 1, renaming push-to-talk mode', () => {
    const result = migrateSettings({ version: 1, vadMode: 'manual', captureFps: 0.5 })
    expect(result.kind).toBe('older')
    expect(result.settings.vad.mode).toBe('push-to-talk')
    expect(result.settings.capture.framesPerSecond).toBe(0.5)
    expect(result.settings.model).toBe(DEFAULT_SETTINGS.model)
  })

  it('resets only the version 1 values that cannot be used, and names them', () => {
    const result = migrateSettings({ ...VERSION_1_FILE, jpegQuality: 500, vadMode: 'sometimes' })
    expect(result.resetFields).toEqual(['vad.mode', 'capture.jpegQuality'])
    expect(result.settings.capture.jpegQuality).toBe(DEFAULT_SETTINGS.capture.jpegQuality)
    expect(result.settings.vad.mode).toBe(DEFAULT_SETTINGS.vad.mode)
    expect(result.settings.voice).toBe('Kore')
  })

  it('keeps what it understands from a newer version and ignores what it does not', () => {
    const newer = {
      ...structuredClone(DEFAULT_SETTINGS),
      version: SETTINGS_VERSION + 1,
      voice: 'Charon',
      capture: { ...DEFAULT_SETTINGS.capture, framesPerSecond: 0.5, hdr: true },
      vad: 'adaptive',
      avatar: { style: 'cat' },
    }
    const result = migrateSettings(newer)
    expect(result.kind).toBe('newer')
    expect(result.fromVersion).toBe(SETTINGS_VERSION + 1)
    expect(result.settings.version).toBe(SETTINGS_VERSION)
    expect(result.settings.voice).toBe('Charon')
    expect(result.settings.capture.framesPerSecond).toBe(0.5)
    expect(result.settings.vad).toEqual(DEFAULT_SETTINGS.vad)
    expect(result.resetFields).toEqual(['vad'])
    expect(result.settings).not.toHaveProperty('avatar')
    expect(result.settings.capture).not.toHaveProperty('hdr')
  })

  it('salvages a current file with a bad value instead of dropping it', () => {
    const result = migrateSettings({ ...structuredClone(DEFAULT_SETTINGS), voice: 'Kore', capture: { ...DEFAULT_SETTINGS.capture, framesPerSecond: 30 } })
    expect(result.kind).toBe('current')
    expect(result.resetFields).toEqual(['capture.framesPerSecond'])
    expect(result.settings.voice).toBe('Kore')
    expect(result.settings.capture.framesPerSecond).toBe(DEFAULT_SETTINGS.capture.framesPerSecond)
  })

  it('a current file written before the language setting existed follows the OS language, with nothing reset', () => {
    const { uiLanguage: _absent, ...older } = structuredClone(DEFAULT_SETTINGS)
    const result = migrateSettings({ ...older, voice: 'Kore' })
    expect(result.kind).toBe('current')
    expect(result.resetFields).toEqual([])
    expect(result.settings.uiLanguage).toBe('system')
    expect(result.settings.voice).toBe('Kore')
  })

  it('unknown locale: a language Sightline does not have is reset to following the OS, and named', () => {
    const result = migrateSettings({ ...structuredClone(DEFAULT_SETTINGS), uiLanguage: 'fr', voice: 'Kore' })
    expect(result.resetFields).toEqual(['uiLanguage'])
    expect(result.settings.uiLanguage).toBe('system')
    expect(result.settings.voice).toBe('Kore')
  })

  it('reads a file with a nonsense version as the current shape and says the version was reset', () => {
    const result = migrateSettings({ ...structuredClone(DEFAULT_SETTINGS), version: 'two', voice: 'Kore' })
    expect(result.resetFields).toEqual(['version'])
    expect(result.settings.voice).toBe('Kore')
  })

  it.each([null, 42, 'settings', [1, 2]])('refuses %j as not a settings object', (raw) => {
    expect(() => migrateSettings(raw)).toThrow(NotSettingsError)
  })
})
