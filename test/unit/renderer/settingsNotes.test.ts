import { describe, expect, it } from 'vitest'
import { appliesNote, appliesWhen } from '../../../renderer/src/stores/settingsNotes'

describe('when a settings change applies', () => {
  it('model and modality wait for the next session', () => {
    expect(appliesWhen({ model: 'gemini-3.1-flash-live-preview' })).toBe('next-session')
    expect(appliesWhen({ responseModality: 'TEXT', voice: 'Kore' })).toBe('next-session')
    expect(appliesNote('next-session')).toEqual({ key: 'settings.savedNextSession' })
  })

  it('other session options apply at the next resume', () => {
    expect(appliesWhen({ voice: 'Kore' })).toBe('next-resume')
    expect(appliesWhen({ vad: { silenceDurationMs: 800 } })).toBe('next-resume')
    expect(appliesWhen({ capture: { framesPerSecond: 0.5 } })).toBe('next-resume')
    expect(appliesNote('next-resume')).toEqual({ key: 'settings.savedNextResume' })
  })

  it('devices, hotkey and start at login apply at once', () => {
    expect(appliesWhen({ devices: { outputDeviceId: 'speakers' } })).toBe('now')
    expect(appliesWhen({ startAtLogin: true, hotkey: 'Alt+Space' })).toBe('now')
    expect(appliesWhen({ uiLanguage: 'de' })).toBe('now')
  })
})
