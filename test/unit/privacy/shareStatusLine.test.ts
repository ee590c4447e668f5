import { describe, expect, it } from 'vitest'
import { shareSourceOf, shareSourceWords, shareStatusLine } from '../../../shared/shareStatusLine'
import { translatorFor } from '../../../shared/i18n/translate'

/** An excluded app in front, as main sends it. */
const IN_FRONT = { code: 'SHARE_PAUSED_IN_FRONT' as const, params: { window: '1Password' } }

const en = translatorFor('en')
const SCREEN_2 = { kind: 'screen' as const, name: 'Screen 2' }

describe('the share line (window and tray)', () => {
  it.each([
    [{ isSharing: false, source: null, pause: null }, null],
    [{ isSharing: false, source: SCREEN_2, pause: IN_FRONT }, null],
    [{ isSharing: true, source: SCREEN_2, pause: null }, 'Sharing Screen 2'],
    [{ isSharing: true, source: { kind: 'window' as const, name: 'Terminal' }, pause: null }, 'Sharing the window “Terminal”'],
    [{ isSharing: true, source: null, pause: null }, 'Sharing your screen'],
    [{ isSharing: true, source: SCREEN_2, pause: IN_FRONT }, 'Sharing paused: 1Password is in front'],
  ])('%j → %j', (state, line) => {
    expect(shareStatusLine(state, en)).toBe(line)
  })

  it('keeps a picked source as its kind and the system name, cut to the contract', () => {
    expect(shareSourceOf({ kind: 'window', name: 'Terminal' })).toEqual({ kind: 'window', name: 'Terminal' })
    expect(shareSourceOf({ kind: 'window', name: 'x'.repeat(300) }).name).toHaveLength(200)
    expect(shareSourceOf({ kind: 'screen', name: '' })).toEqual({ kind: 'screen', name: null })
  })

  it('a share begun in English is worded in German once the UI language changes (a kind code, not words)', () => {
    const begunInEnglish = { isSharing: true, source: { kind: 'screen' as const, name: null }, pause: null }
    expect(shareStatusLine(begunInEnglish, en)).toBe('Sharing your screen')
    expect(shareStatusLine(begunInEnglish, translatorFor('de'))).toBe('Ihr Bildschirm wird geteilt')
    expect(shareSourceWords(begunInEnglish.source, 'callBar.lookingAtSource', translatorFor('de'))).toBe('Schaut auf Ihren Bildschirm')
  })

  it('German grammar: each kind is a whole sentence of its own, so the noun agrees with its verb', () => {
    const de = translatorFor('de')
    expect(shareSourceWords({ kind: 'screen', name: null }, 'callBar.lookingAtSource', de)).toBe('Schaut auf Ihren Bildschirm')
    expect(shareSourceWords({ kind: 'tab', name: null }, 'callBar.lookingAtSource', de)).toBe('Schaut auf einen Browser-Tab')
    expect(shareSourceWords({ kind: 'window', name: 'Terminal' }, 'callBar.lookingAtSource', de)).toBe('Schaut auf das Fenster „Terminal“')
    expect(shareSourceWords({ kind: 'window', name: null }, 'callBar.lookingAtSource', translatorFor('es'))).toBe('Mirando una ventana')
    expect(shareSourceWords({ kind: 'screen', name: null }, 'callBar.lookingAtSource', translatorFor('ja'))).toBe('画面を見ています')
  })

  it('speaks the UI language, for the window and the tray alike', () => {
    const de = translatorFor('de')
    expect(shareStatusLine({ isSharing: true, source: SCREEN_2, pause: null }, de)).toBe('Geteilt: Screen 2')
    expect(shareStatusLine({ isSharing: true, source: null, pause: null }, translatorFor('ja'))).toBe('画面を共有中')
    expect(shareStatusLine({ isSharing: true, source: { kind: 'window', name: 'Terminal' }, pause: null }, de)).toBe('Geteilt: Fenster „Terminal“')
  })

  it('a pause is a code and its window, worded in the UI language: the app by name, a title match by its kind', () => {
    const privateInFront = { code: 'SHARE_PAUSED_IN_FRONT' as const, params: { windowKind: 'PRIVATE_WINDOW' as const } }
    expect(shareStatusLine({ isSharing: true, source: SCREEN_2, pause: privateInFront }, en)).toBe('Sharing paused: a private browser window is in front')
    expect(shareStatusLine({ isSharing: true, source: SCREEN_2, pause: IN_FRONT }, translatorFor('de'))).toBe('Teilen angehalten: 1Password ist im Vordergrund')
    expect(shareStatusLine({ isSharing: true, source: SCREEN_2, pause: privateInFront }, translatorFor('es'))).toBe('Compartir en pausa: una ventana privada del navegador está en primer plano')
    expect(shareStatusLine({ isSharing: true, source: SCREEN_2, pause: { code: 'SHARE_PAUSED_WINDOWS_UNKNOWN' } }, translatorFor('ja'))).toBe(
      '共有を一時停止中: どのウィンドウが前面にあるか Sightline が確認できません',
    )
  })
})
