import { describe, expect, it } from 'vitest'
import { migrateSettings } from '../../../electron/main/core/settings/migrateSettings'
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../../shared/settings'

describe('the history retention setting', () => {
  it('a settings file written before history existed loads as "forever", with nothing reset', () => {
    const { historyRetention: _, ...before } = DEFAULT_SETTINGS
    expect(migrateSettings(before)).toMatchObject({ kind: 'current', resetFields: [], settings: { historyRetention: 'forever' } })
  })

  it('accepts only the four retentions', () => {
    for (const retention of ['forever', '90-days', '30-days', 'off']) expect(settingsPatchSchema.safeParse({ historyRetention: retention }).success).toBe(true)
    expect(settingsPatchSchema.safeParse({ historyRetention: '7-days' }).success).toBe(false)
  })
})
