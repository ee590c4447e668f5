import type { PushToTalkBinding, PushToTalkHandlers, PushToTalkSource } from '../core/ports'
import { PushToTalkError } from './pushToTalkError'

/** The slice of Electron's `globalShortcut` the toggle fallback needs. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

/**
 * Press-to-toggle on a registered shortcut, for where no keyboard hook can see key releases.
 * A shortcut only reports presses, so every press calls `onPress` and the owner toggles
 * talking (it knows the real state; the tray and the Talk button change it too). `onRelease`
 * is never called by this source.
 */
export class TogglePushToTalk implements PushToTalkSource {
  constructor(private readonly registry: ShortcutRegistry) {}

  bind(accelerator: string, handlers: PushToTalkHandlers): PushToTalkBinding {
    let isRegistered: boolean
    try {
      isRegistered = this.registry.register(accelerator, () => handlers.onPress())
    } catch (error) {
      throw new PushToTalkError('HOTKEY_INVALID', `The hotkey "${accelerator}" is not a valid shortcut.`, { cause: error, params: { hotkey: accelerator } })
    }
    if (!isRegistered) throw new PushToTalkError('HOTKEY_TAKEN', `The hotkey ${accelerator} is already used by another app.`, { params: { hotkey: accelerator } })
    let isDisposed = false
    return {
      mode: 'toggle',
      note: null,
      dispose: () => {
        if (isDisposed) return
        isDisposed = true
        this.registry.unregister(accelerator)
      },
    }
  }

  /** A shortcut keeps no key state: each press is one event. */
  resetHeldKeys(): void {}

  /** Toggling never waits for a key-up. */
  windowKeyUp(): void {}
}
