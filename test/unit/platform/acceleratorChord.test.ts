import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { ChordTracker, MODIFIER_KEYCODES, parseAccelerator } from '../../../electron/main/platform/acceleratorChord'
import { PushToTalkError } from '../../../electron/main/platform/pushToTalkError'

/** uiohook-napi's own key table, to check ours against (plain data; the native hook is not started). */
const { UiohookKey } = createRequire(import.meta.url)('uiohook-napi') as typeof import('uiohook-napi')

describe('parseAccelerator', () => {
  it('reads the default hotkey as Ctrl+Shift+Space on Linux and Windows, Cmd+Shift+Space on macOS', () => {
    expect(parseAccelerator('CommandOrControl+Shift+Space', 'linux')).toEqual({ keycode: UiohookKey.Space, modifiers: new Set(['ctrl', 'shift']) })
    expect(parseAccelerator('CmdOrCtrl+Shift+Space', 'win32').modifiers).toEqual(new Set(['ctrl', 'shift']))
    expect(parseAccelerator('CommandOrControl+Shift+Space', 'darwin').modifiers).toEqual(new Set(['meta', 'shift']))
    expect(parseAccelerator('Option+Shift+Space', 'darwin')).toEqual({ keycode: UiohookKey.Space, modifiers: new Set(['alt', 'shift']) })
  })

  it('maps every key it accepts to uiohook’s code for it', () => {
    const cases: [string, number][] = [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l): [string, number] => [l, UiohookKey[l as keyof typeof UiohookKey]]),
      ...'0123456789'.split('').map((d): [string, number] => [d, UiohookKey[Number(d) as keyof typeof UiohookKey]]),
      ...Array.from({ length: 24 }, (_, i): [string, number] => [`F${i + 1}`, UiohookKey[`F${i + 1}` as keyof typeof UiohookKey]]),
      ['Space', UiohookKey.Space], ['Tab', UiohookKey.Tab], ['Backspace', UiohookKey.Backspace], ['Delete', UiohookKey.Delete],
      ['Insert', UiohookKey.Insert], ['Return', UiohookKey.Enter], ['Enter', UiohookKey.Enter], ['Esc', UiohookKey.Escape],
      ['Up', UiohookKey.ArrowUp], ['Down', UiohookKey.ArrowDown], ['Left', UiohookKey.ArrowLeft], ['Right', UiohookKey.ArrowRight],
      ['Home', UiohookKey.Home], ['End', UiohookKey.End], ['PageUp', UiohookKey.PageUp], ['PageDown', UiohookKey.PageDown],
      ['Capslock', UiohookKey.CapsLock], ['Numlock', UiohookKey.NumLock], ['Scrolllock', UiohookKey.ScrollLock], ['PrintScreen', UiohookKey.PrintScreen],
      [';', UiohookKey.Semicolon], ['=', UiohookKey.Equal], [',', UiohookKey.Comma], ['-', UiohookKey.Minus], ['.', UiohookKey.Period],
      ['/', UiohookKey.Slash], ['`', UiohookKey.Backquote], ['[', UiohookKey.BracketLeft], ['\\', UiohookKey.Backslash],
      [']', UiohookKey.BracketRight], ["'", UiohookKey.Quote], ['num0', UiohookKey.Numpad0], ['num7', UiohookKey.Numpad7],
      ['numdec', UiohookKey.NumpadDecimal], ['numadd', UiohookKey.NumpadAdd], ['numsub', UiohookKey.NumpadSubtract],
      ['nummult', UiohookKey.NumpadMultiply], ['numdiv', UiohookKey.NumpadDivide],
    ]
    for (const [key, code] of cases) expect(parseAccelerator(`Alt+${key}`, 'linux').keycode, key).toBe(code)
    expect(parseAccelerator('Ctrl++', 'linux').keycode).toBe(UiohookKey.Equal)
  })

  it('knows both sides of every modifier', () => {
    expect(MODIFIER_KEYCODES).toEqual({
      ctrl: [UiohookKey.Ctrl, UiohookKey.CtrlRight],
      alt: [UiohookKey.Alt, UiohookKey.AltRight],
      shift: [UiohookKey.Shift, UiohookKey.ShiftRight],
      meta: [UiohookKey.Meta, UiohookKey.MetaRight],
    })
  })

  it('refuses hotkeys it cannot watch, with a typed error', () => {
    for (const bad of ['', 'Shift', 'Ctrl+Shift', 'Ctrl+Hyper+Space', 'Space+Ctrl', 'Ctrl+MediaPlayPause', 'Ctrl++Space']) {
      expect(() => parseAccelerator(bad, 'linux'), bad).toThrow(PushToTalkError)
    }
    try {
      parseAccelerator('Ctrl+Nope', 'linux')
    } catch (error) {
      expect((error as PushToTalkError).code).toBe('HOTKEY_INVALID')
      expect((error as PushToTalkError).message).toMatch(/"Nope"/)
    }
  })
})

describe('ChordTracker', () => {
  const { Ctrl, CtrlRight, Shift, ShiftRight, Alt, Space, A } = UiohookKey
  const tracker = () => new ChordTracker(parseAccelerator('Ctrl+Shift+Space', 'linux'))

  it('presses once when the chord goes down, whatever order the modifiers came in, and ignores auto-repeat', () => {
    const t = tracker()
    expect([t.keyDown(Shift), t.keyDown(CtrlRight), t.keyDown(Space), t.keyDown(Space), t.keyDown(Space)]).toEqual([null, null, 'press', null, null])
    expect(t.keyUp(Space)).toBe('release')
    expect([t.keyUp(CtrlRight), t.keyUp(Shift)]).toEqual([null, null])
  })

  it('releases when a modifier comes up first, and not again when the rest follow', () => {
    const t = tracker()
    ;[Ctrl, Shift, Space].forEach((k) => t.keyDown(k))
    expect(t.keyUp(Ctrl)).toBe('release')
    // Auto-repeat goes on with only Shift held: not the chord.
    expect(t.keyDown(Space)).toBeNull()
    expect([t.keyUp(Space), t.keyUp(Shift)]).toEqual([null, null])
  })

  it('stays held while the other side of a released modifier is still down', () => {
    const t = tracker()
    ;[Ctrl, Shift, ShiftRight, Space].forEach((k) => t.keyDown(k))
    expect(t.keyUp(Shift)).toBeNull()
    expect(t.keyUp(ShiftRight)).toBe('release')
  })

  it('does not fire with an extra modifier held, a missing one, or another key', () => {
    const t = tracker()
    ;[Ctrl, Shift, Alt].forEach((k) => t.keyDown(k))
    expect(t.keyDown(Space)).toBeNull()
    t.keyUp(Space)
    t.keyUp(Alt)
    t.keyUp(Shift)
    expect(t.keyDown(Space)).toBeNull()
    t.keyUp(Space)
    t.keyDown(Shift)
    expect(t.keyDown(A)).toBeNull()
    expect(t.isHeld).toBe(false)
  })

  it('fires again for the next hold', () => {
    const t = tracker()
    for (let i = 0; i < 3; i++) {
      expect([t.keyDown(Ctrl), t.keyDown(Shift), t.keyDown(Space)]).toEqual([null, null, 'press'])
      expect([t.keyUp(Space), t.keyUp(Shift), t.keyUp(Ctrl)]).toEqual(['release', null, null])
    }
  })
})
