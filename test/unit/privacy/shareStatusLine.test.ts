import { describe, expect, it } from 'vitest'
import { shareSourceLabel, shareStatusLine } from '../../../shared/shareStatusLine'
import { translatorFor } from '../../../shared/i18n/translate'

const en = translatorFor('en')

describe('the share line (window and tray)', () => {
  it.each([
    [{ isSharing: false, sourceName: null, pauseMessage: null }, null],
    [{ isSharing: false, sourceName: 'Screen 2', pauseMessage: 'Sharing paused: 1Password is in front' }, null],
    [{ isSharing: true, sourceName: 'Screen 2', pauseMessage: null }, 'Sharing Screen 2'],
    [{ isSharing: true, sourceName: 'Window: Terminal', pauseMessage: null }, 'Sharing Window: Terminal'],
    [{ isSharing: true, sourceName: null, pauseMessage: null }, 'Sharing your screen'],
    [{ isSharing: true, sourceName: 'Screen 2', pauseMessage: 'Sharing paused: 1Password is in front' }, 'Sharing paused: 1Password is in front'],
  ])('%j → %j', (state, line) => {
    expect(shareStatusLine(state, en)).toBe(line)
  })

  it('names picked sources the way the user knows them', () => {
    expect(shareSourceLabel({ kind: 'screen', name: 'Screen 2' }, en)).toBe('Screen 2')
    expect(shareSourceLabel({ kind: 'window', name: 'Terminal' }, en)).toBe('Window: Terminal')
    expect(shareSourceLabel({ kind: 'window', name: 'x'.repeat(300) }, en)).toHaveLength(200)
  })

  it('speaks the UI language, for the window and the tray alike', () => {
    const de = translatorFor('de')
    expect(shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pauseMessage: null }, de)).toBe('Geteilt: Screen 2')
    expect(shareStatusLine({ isSharing: true, sourceName: null, pauseMessage: null }, translatorFor('ja'))).toBe('共有中: あなたの画面')
    expect(shareSourceLabel({ kind: 'window', name: 'Terminal' }, de)).toBe('Fenster: Terminal')
  })
})
