import type { Logger, PushToTalkBinding, PushToTalkHandlers, PushToTalkSource } from '../core/ports'
import { GlobalShortcutPushToTalk } from './globalShortcutPushToTalk'
import { PushToTalkError } from './pushToTalkError'
import { UiohookPushToTalk } from './uiohookPushToTalk'

/**
 * The production push-to-talk: uiohook hold-to-talk, falling back to `globalShortcut`
 * press-to-toggle. `hookProblem` is why the hook cannot run here (null when it can), as
 * `checkKeyboardHookInElectron` found at startup.
 */
export function createPushToTalk(hookProblem: string | null, logger?: Logger): PushToTalkSource {
  return new PushToTalkWithFallback(new UiohookPushToTalk({ preflight: () => hookProblem, logger }), new GlobalShortcutPushToTalk(), logger)
}

/**
 * Hold-to-talk where the keyboard hook works, press-to-toggle otherwise, and a note telling
 * the user which and why. A hotkey that is invalid fails in both, so that error is not masked.
 */
export class PushToTalkWithFallback implements PushToTalkSource {
  constructor(
    private readonly hold: PushToTalkSource,
    private readonly toggle: PushToTalkSource,
    private readonly logger?: Logger,
  ) {}

  bind(accelerator: string, handlers: PushToTalkHandlers): PushToTalkBinding {
    let reason: string
    try {
      return this.hold.bind(accelerator, handlers)
    } catch (error) {
      if (error instanceof PushToTalkError && error.code === 'HOTKEY_INVALID') throw error
      reason = error instanceof Error ? error.message : String(error)
    }
    this.logger?.warn('push-to-talk: hold-to-talk unavailable, using press-to-toggle', { reason })
    const binding = this.toggle.bind(accelerator, handlers)
    return {
      mode: 'toggle',
      note: `Hold-to-talk is not available because ${reason}. Press ${accelerator} once to start talking and again to stop.`,
      dispose: () => binding.dispose(),
    }
  }

  resetHeldKeys(): void {
    this.hold.resetHeldKeys()
    this.toggle.resetHeldKeys()
  }

  windowKeyUp(code: string): void {
    this.hold.windowKeyUp(code)
    this.toggle.windowKeyUp(code)
  }
}
