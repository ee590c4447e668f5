import { describe, expect, it } from 'vitest'
import { shareSourceLabel, shareStatusLine } from '../../../shared/shareStatusLine'
import { translatorFor } from '../../../shared/i18n/translate'

/** An excluded app in front, as main sends it. */
const IN_FRONT = { code: 'SHARE_PAUSED_IN_FRONT' as const, params: { window: '1Password' } }

const en = translatorFor('en')

describe('the share line (window and tray)', () => {
  it.each([
    [{ isSharing: false, sourceName: null, pause: null }, null],
    [{ isSharing: false, sourceName: 'Screen 2', pause: IN_FRONT }, null],
    [{ isSharing: true, sourceName: 'Screen 2', pause: null }, 'Sharing Screen 2'],
    [{ isSharing: true, sourceName: 'Window: Terminal', pause: null }, 'Sharing Window: Terminal'],
    [{ isSharing: true, sourceName: null, pause: null }, 'Sharing your screen'],
    [{ isSharing: true, sourceName: 'Screen 2', pause: IN_FRONT }, 'Sharing paused: 1Password is in front'],
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
    expect(shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pause: null }, de)).toBe('Geteilt: Screen 2')
    expect(shareStatusLine({ isSharing: true, sourceName: null, pause: null }, translatorFor('ja'))).toBe('共有中: あなたの画面')
    expect(shareSourceLabel({ kind: 'window', name: 'Terminal' }, de)).toBe('Fenster: Terminal')
  })

  it('a pause is a code and its window, worded in the UI language: the app by name, a title match by its kind', () => {
    const privateInFront = { code: 'SHARE_PAUSED_IN_FRONT' as const, params: { windowKind: 'PRIVATE_WINDOW' as const } }
    expect(shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pause: privateInFront }, en)).toBe('Sharing paused: a private browser window is in front')
    expect(shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pause: IN_FRONT }, translatorFor('de'))).toBe('Teilen angehalten: 1Password ist im Vordergrund')
    expect(shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pause: privateInFront }, translatorFor('es'))).toBe('Compartir en pausa: una ventana privada del navegador está en primer plano')
    expect(shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pause: { code: 'SHARE_PAUSED_WINDOWS_UNKNOWN' } }, translatorFor('ja'))).toBe(
      '共有を一時停止中: どのウィンドウが前面にあるか Sightline が確認できません',
    )
  })
})
