import { describe, expect, it } from 'vitest'
import { trayMenuModel, type TrayView } from '../../../electron/main/platform/trayMenuModel'
import { shareStatusLine } from '../../../shared/shareStatusLine'
import { translatorFor } from '../../../shared/i18n/translate'

/** An excluded app in front, as main sends it. */
const IN_FRONT = { code: 'SHARE_PAUSED_IN_FRONT' as const, params: { window: '1Password' } }

const view = (patch: Partial<TrayView>): TrayView => ({
  activity: 'idle',
  connectionNote: null,
  isHandsFree: false,
  isMuted: false,
  isSharing: false,
  updateReady: null,
  shareNote: null,
  ...patch,
})

describe('tray sharing state', () => {
  it('while frames flow: the sharing icon state, what is shared, and one item that stops it', () => {
    const model = trayMenuModel(view({ activity: 'sharing', isSharing: true, shareNote: shareStatusLine({ isSharing: true, source: { kind: 'screen', name: 'Screen 2' }, pause: null }, translatorFor('en')) }))
    expect(model.activity).toBe('sharing')
    expect(model.tooltip).toBe('Sightline: sharing your screen')
    expect(model.items[0]).toEqual({ kind: 'note', label: 'Sharing Screen 2' })
    const stop = model.items.filter((item) => item.kind === 'action' && item.label === 'Stop sharing')
    expect(stop).toEqual([{ kind: 'action', label: 'Stop sharing', action: 'shareAndAsk', enabled: true }])
  })

  it('a pause shows as a pause, in the tooltip too while another state holds the icon', () => {
    const paused = shareStatusLine({ isSharing: true, source: { kind: 'screen', name: 'Screen 2' }, pause: IN_FRONT }, translatorFor('en'))
    const model = trayMenuModel(view({ activity: 'listening', isSharing: true, shareNote: paused }))
    expect(model.tooltip).toBe('Sightline: listening · Sharing paused: 1Password is in front')
    expect(model.items[0]).toEqual({ kind: 'note', label: 'Sharing paused: 1Password is in front' })
    expect(model.items.some((item) => item.kind === 'action' && item.label === 'Stop sharing')).toBe(true)
  })

  it('not sharing: no sharing line', () => {
    const model = trayMenuModel(view({}))
    expect(model.tooltip).toBe('Sightline')
    expect(model.items[0]).toMatchObject({ kind: 'action', label: 'Talk' })
  })
})
