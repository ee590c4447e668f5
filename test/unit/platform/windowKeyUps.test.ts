import { describe, expect, it } from 'vitest'
import { keycodeForDomCode } from '../../../electron/main/platform/acceleratorChord'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'
import { forwardHotkeyKeyUps, type KeyUpTarget } from '../../../renderer/src/stores/hotkeyKeyUps'
import { FakeKeyboardHook, recordingHandlers, VC } from './fakeKeyboardHook'

/** Ctrl+Shift+Space held through the hook on Windows. */
function heldChord() {
  const hook = new FakeKeyboardHook()
  const source = new UiohookPushToTalk({ hook, preflight: () => null, platform: 'win32' })
  const { events, h } = recordingHandlers()
  source.bind('CommandOrControl+Shift+Space', h)
  hook.emit('keydown', VC.ctrl)
  hook.emit('keydown', VC.shift)
  hook.emit('keydown', VC.space)
  return { hook, source, events }
}

describe('key-ups lost while our window is focused: the window’s own key-up ends the hold', () => {
  it('hook path: the hook hears the release', () => {
    const { hook, events } = heldChord()
    hook.emit('keyup', VC.space)
    expect(events).toEqual(['press', 'release'])
  })

  it('window path: the hook hears nothing after the press, and the window’s Space key-up releases', () => {
    const { source, events } = heldChord()
    source.windowKeyUp('Space')
    expect(events).toEqual(['press', 'release'])
  })

  it('window path: letting go of a chord modifier in the window releases too', () => {
    const { source, events } = heldChord()
    source.windowKeyUp('ShiftLeft')
    expect(events).toEqual(['press', 'release'])
  })

  it('no double release: the hook first, then the window', () => {
    const { hook, source, events } = heldChord()
    hook.emit('keyup', VC.space)
    source.windowKeyUp('Space')
    hook.emit('keyup', VC.shift)
    source.windowKeyUp('ShiftLeft')
    expect(events).toEqual(['press', 'release'])
  })

  it('no double release: the window first, then the hook', () => {
    const { hook, source, events } = heldChord()
    source.windowKeyUp('Space')
    hook.emit('keyup', VC.space)
    hook.emit('keyup', VC.shift)
    hook.emit('keyup', VC.ctrl)
    expect(events).toEqual(['press', 'release'])
  })

  it('a window key-up of another key, or of no key the chord can know, keeps the hold', () => {
    const { source, events } = heldChord()
    source.windowKeyUp('KeyA')
    source.windowKeyUp('AltLeft')
    source.windowKeyUp('Unidentified')
    source.windowKeyUp('')
    expect(events).toEqual(['press'])
  })

  it('after a window release the next hook press starts talking again', () => {
    const { hook, source, events } = heldChord()
    source.windowKeyUp('Space')
    source.windowKeyUp('ShiftLeft')
    source.windowKeyUp('ControlLeft')
    hook.emit('keydown', VC.ctrl)
    hook.emit('keydown', VC.shift)
    hook.emit('keydown', VC.space)
    expect(events).toEqual(['press', 'release', 'press'])
  })
})

describe('KeyboardEvent.code to libuiohook keycodes', () => {
  it('maps the keys a chord uses', () => {
    expect(keycodeForDomCode('Space')).toBe(VC.space)
    expect(keycodeForDomCode('ControlLeft')).toBe(VC.ctrl)
    expect(keycodeForDomCode('ControlRight')).toBe(0x0e1d)
    expect(keycodeForDomCode('ShiftLeft')).toBe(VC.shift)
    expect(keycodeForDomCode('ShiftRight')).toBe(0x0036)
    expect(keycodeForDomCode('MetaLeft')).toBe(VC.meta)
    expect(keycodeForDomCode('KeyL')).toBe(VC.l)
    expect(keycodeForDomCode('KeyA')).toBe(VC.a)
    expect(keycodeForDomCode('Digit1')).toBe(0x0002)
    expect(keycodeForDomCode('Digit0')).toBe(0x000b)
    expect(keycodeForDomCode('F1')).toBe(0x3b)
    expect(keycodeForDomCode('F12')).toBe(0x58)
    expect(keycodeForDomCode('ArrowUp')).toBe(0xe048)
    expect(keycodeForDomCode('PageDown')).toBe(0x0e51)
    expect(keycodeForDomCode('Backslash')).toBe(0x002b)
    expect(keycodeForDomCode('Numpad5')).toBe(0x004c)
  })

  it('knows nothing of codes outside the standard list', () => {
    expect(keycodeForDomCode('Unidentified')).toBeUndefined()
    expect(keycodeForDomCode('toString')).toBeUndefined()
    expect(keycodeForDomCode('__proto__')).toBeUndefined()
  })
})

describe('the page forwards key-ups only while the hotkey holds talking', () => {
  function fakeWindow() {
    const listeners = new Set<(event: { code: string }) => void>()
    const target: KeyUpTarget = {
      addEventListener: (_type, listener) => void listeners.add(listener),
      removeEventListener: (_type, listener) => void listeners.delete(listener),
    }
    return { target, keyUp: (code: string) => listeners.forEach((l) => l({ code })), listeners }
  }

  it('sends the code while held, nothing otherwise, and stops listening when unsubscribed', () => {
    const page = fakeWindow()
    const sent: string[] = []
    let held = false
    const stop = forwardHotkeyKeyUps(page.target, () => held, (code) => sent.push(code))
    page.keyUp('KeyH')
    held = true
    page.keyUp('Space')
    held = false
    page.keyUp('KeyI')
    stop()
    expect(sent).toEqual(['Space'])
    expect(page.listeners.size).toBe(0)
  })
})
