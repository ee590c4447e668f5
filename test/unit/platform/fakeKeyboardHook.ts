import type { PushToTalkHandlers } from '../../../electron/main/core/ports'
import type { KeyboardHook } from '../../../electron/main/platform/uiohookPushToTalk'

/** A scripted keyboard hook with the uiohook event surface. */
export class FakeKeyboardHook implements KeyboardHook {
  readonly listeners = { keydown: new Set<(e: { keycode: number }) => void>(), keyup: new Set<(e: { keycode: number }) => void>() }
  starts = 0
  stops = 0
  on(event: 'keydown' | 'keyup', listener: (e: { keycode: number }) => void) {
    this.listeners[event].add(listener)
  }
  off(event: 'keydown' | 'keyup', listener: (e: { keycode: number }) => void) {
    this.listeners[event].delete(listener)
  }
  start() {
    this.starts++
  }
  stop() {
    this.stops++
  }
  emit(event: 'keydown' | 'keyup', keycode: number) {
    for (const l of this.listeners[event]) l({ keycode })
  }
}

/** Handlers that write down each press and release, in order. */
export function recordingHandlers() {
  const events: string[] = []
  const h: PushToTalkHandlers = { onPress: () => events.push('press'), onRelease: () => events.push('release') }
  return { events, h }
}

/** libuiohook VC_* codes of the keys these tests press. */
export const VC = { ctrl: 0x001d, shift: 0x002a, space: 0x0039, meta: 0x0e5b, l: 0x0026, a: 0x001e } as const
