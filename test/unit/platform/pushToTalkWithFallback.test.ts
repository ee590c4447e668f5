import { describe, expect, it, vi } from 'vitest'
import type { PushToTalkBinding, PushToTalkSource } from '../../../electron/main/core/ports'
import { PushToTalkError } from '../../../electron/main/platform/pushToTalkError'
import { PushToTalkWithFallback } from '../../../electron/main/platform/pushToTalkWithFallback'
import { TogglePushToTalk, type ShortcutRegistry } from '../../../electron/main/platform/togglePushToTalk'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'
import { FakeKeyboardHook, recordingHandlers } from './fakeKeyboardHook'
import { describeNotice } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

// The combinator's module also builds the production pair around Electron's globalShortcut.
vi.mock('electron', () => ({ globalShortcut: { register: () => false, unregister: () => undefined } }))

/** A registry standing in for globalShortcut: remembers callbacks so a test can "press" the shortcut. */
function fakeRegistry(isFree = true) {
  const callbacks = new Map<string, () => void>()
  const registry: ShortcutRegistry = {
    register: (accelerator, callback) => {
      if (!isFree) return false
      callbacks.set(accelerator, callback)
      return true
    },
    unregister: (accelerator) => callbacks.delete(accelerator),
  }
  return { registry, callbacks }
}

const handlers = recordingHandlers

describe('TogglePushToTalk', () => {
  it('calls onPress on every press of the shortcut and leaves toggling to its owner', () => {
    const { registry, callbacks } = fakeRegistry()
    const { events, h } = handlers()
    const binding = new TogglePushToTalk(registry).bind('Ctrl+Shift+Space', h)
    expect(binding.mode).toBe('toggle')
    callbacks.get('Ctrl+Shift+Space')!()
    callbacks.get('Ctrl+Shift+Space')!()
    expect(events).toEqual(['press', 'press'])
    binding.dispose()
    expect(callbacks.size).toBe(0)
  })

  it('says so when another app owns the shortcut', () => {
    expect(() => new TogglePushToTalk(fakeRegistry(false).registry).bind('Ctrl+Shift+Space', handlers().h)).toThrow(
      expect.objectContaining({ code: 'HOTKEY_TAKEN' }),
    )
  })
})

describe('UiohookPushToTalk with a scripted hook', () => {
  it('starts one hook for all bindings and stops it when the last one goes', () => {
    const hook = new FakeKeyboardHook()
    const source = new UiohookPushToTalk({ hook, preflight: () => null, platform: 'linux' })
    const a = source.bind('Ctrl+Shift+Space', handlers().h)
    const b = source.bind('Alt+Space', handlers().h)
    expect(hook.starts).toBe(1)
    a.dispose()
    a.dispose()
    expect(hook.stops).toBe(0)
    b.dispose()
    expect(hook.stops).toBe(1)
    expect(hook.listeners.keydown.size).toBe(0)
  })

  it('never starts the hook when the preflight says it cannot run', () => {
    const hook = new FakeKeyboardHook()
    const source = new UiohookPushToTalk({ hook, preflight: () => ({ code: 'NO_X_DISPLAY', detail: 'there is no X display to watch the keyboard on' }), platform: 'linux' })
    expect(() => source.bind('Ctrl+Shift+Space', handlers().h)).toThrow(expect.objectContaining({ code: 'HOTKEY_HOOK_UNAVAILABLE', params: { refusal: 'NO_X_DISPLAY' } }))
    expect(hook.starts).toBe(0)
  })

  it('reports a hook that throws on start as unavailable', () => {
    const hook = new FakeKeyboardHook()
    hook.start = () => {
      throw new Error('UIOHOOK_ERROR_AXAPI_DISABLED')
    }
    const source = new UiohookPushToTalk({ hook, preflight: () => null, platform: 'darwin' })
    expect(() => source.bind('Cmd+Shift+Space', handlers().h)).toThrow(expect.objectContaining({ code: 'HOTKEY_HOOK_UNAVAILABLE' }))
  })
})

describe('PushToTalkWithFallback', () => {
  const holdSource = (bind: PushToTalkSource['bind']): PushToTalkSource => ({ bind, resetHeldKeys: () => undefined, windowKeyUp: () => undefined })

  it('uses hold-to-talk when the hook works', () => {
    const hold: PushToTalkBinding = { mode: 'hold', note: null, dispose: () => undefined }
    const { registry, callbacks } = fakeRegistry()
    const binding = new PushToTalkWithFallback(holdSource(() => hold), new TogglePushToTalk(registry)).bind('Ctrl+Shift+Space', handlers().h)
    expect(binding).toBe(hold)
    expect(callbacks.size).toBe(0)
  })

  it('falls back to toggle and says why when the hook is unavailable', () => {
    const { registry, callbacks } = fakeRegistry()
    const { events, h } = handlers()
    const unavailable = holdSource(() => {
      throw new PushToTalkError('HOTKEY_HOOK_UNAVAILABLE', 'this is a Wayland session, where a keyboard hook cannot see key presses in other apps', { params: { refusal: 'WAYLAND' } })
    })
    const binding = new PushToTalkWithFallback(unavailable, new TogglePushToTalk(registry)).bind('Ctrl+Shift+Space', h)
    expect(binding.mode).toBe('toggle')
    expect(binding.note).toEqual({ code: 'HOLD_TO_TALK_UNAVAILABLE', params: { hotkey: 'Ctrl+Shift+Space', refusal: 'WAYLAND' } })
    expect(describeNotice(binding.note!, wordingFor('en'))).toBe(
      'Hold-to-talk is not available here, so press Ctrl+Shift+Space once to start talking and again to stop. This is a Wayland session, where a keyboard hook cannot see key presses in other apps.',
    )
    callbacks.get('Ctrl+Shift+Space')!()
    expect(events).toEqual(['press'])
    binding.dispose()
    expect(callbacks.size).toBe(0)
  })

  it('does not hide an invalid hotkey behind the fallback', () => {
    const { registry, callbacks } = fakeRegistry()
    const source = new PushToTalkWithFallback(new UiohookPushToTalk({ hook: new FakeKeyboardHook(), preflight: () => null }), new TogglePushToTalk(registry))
    expect(() => source.bind('Ctrl+Nope', handlers().h)).toThrow(expect.objectContaining({ code: 'HOTKEY_INVALID' }))
    expect(callbacks.size).toBe(0)
  })

  it('passes on the fallback’s own failure when the shortcut is taken too', () => {
    const unavailable = holdSource(() => {
      throw new PushToTalkError('HOTKEY_HOOK_UNAVAILABLE', 'no display')
    })
    expect(() => new PushToTalkWithFallback(unavailable, new TogglePushToTalk(fakeRegistry(false).registry)).bind('Ctrl+Shift+Space', handlers().h)).toThrow(
      expect.objectContaining({ code: 'HOTKEY_TAKEN' }),
    )
  })
})

describe('a hold through the scripted hook', () => {
  it('turns key events into one press and one release', () => {
    const hook = new FakeKeyboardHook()
    const { events, h } = handlers()
    const binding = new UiohookPushToTalk({ hook, preflight: () => null, platform: 'linux' }).bind('CommandOrControl+Shift+Space', h)
    hook.emit('keydown', 29)
    hook.emit('keydown', 42)
    for (let i = 0; i < 5; i++) hook.emit('keydown', 57)
    hook.emit('keyup', 57)
    hook.emit('keyup', 42)
    hook.emit('keyup', 29)
    expect(events).toEqual(['press', 'release'])
    binding.dispose()
  })
})
