import { describe, expect, it } from 'vitest'
import { DEFAULT_POINT_SETTINGS } from '../../../shared/pointSettings'
import { applySettingsPatch, DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../../shared/settings'

describe('point settings', () => {
  it('a settings file written before they existed gets the defaults: ring on, follow off, Ctrl/Cmd+Shift+K', () => {
    const { point: _point, ...older } = DEFAULT_SETTINGS
    expect(settingsSchema.parse(older).point).toEqual({ pointerRing: true, selectionHotkey: 'CommandOrControl+Shift+K', followPointer: false })
    expect(DEFAULT_SETTINGS.point).toEqual(DEFAULT_POINT_SETTINGS)
  })

  it('a patch changes one field and keeps the others', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, settingsPatchSchema.parse({ point: { followPointer: true } }))
    expect(next.point).toEqual({ ...DEFAULT_POINT_SETTINGS, followPointer: true })
  })

  it('refuses an empty selection hotkey and unknown keys', () => {
    expect(settingsPatchSchema.safeParse({ point: { selectionHotkey: '' } }).success).toBe(false)
    expect(settingsPatchSchema.safeParse({ point: { pointAt: true } }).success).toBe(false)
  })
})
