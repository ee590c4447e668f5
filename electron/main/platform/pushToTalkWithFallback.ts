import type { Logger, PushToTalkBinding, PushToTalkHandlers, PushToTalkSource } from '../core/ports'
import { GlobalShortcutPushToTalk } from './globalShortcutPushToTalk'
import { PushToTalkError } from './pushToTalkError'
import { UiohookPushToTalk } from './uiohookPushToTalk'
import type { HookTrouble } from './keyboardHookCheck'

/**
 * The production push-to-talk: uiohook hold-to-talk, falling back to `globalShortcut`
 * press-to-toggle. `hookProblem` is why the hook cannot run here (null when it can), as
 * `checkKeyboardHookInElectron` found at startup.
 */
export function createPushToTalk(hookProblem: HookTrouble | null, logger?: Logger): PushToTalkSource {
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
    let refusal: string
    try {
      return this.hold.bind(accelerator, handlers)
    } catch (error) {
      if (error instanceof PushToTalkError && error.code === 'HOTKEY_INVALID') throw error
      reason = error instanceof Error ? error.message : String(error)
      const code = error instanceof PushToTalkError ? error.params.refusal : undefined
      refusal = typeof code === 'string' ? code : 'HOOK_FAILED'
    }
    this.logger?.warn('push-to-talk: hold-to-talk unavailable, using press-to-toggle', { reason })
    const binding = this.toggle.bind(accelerator, handlers)
    return {
      mode: 'toggle',
      // The catalogue words it (notices.HOLD_TO_TALK_UNAVAILABLE, then why: errors.refusal.<code>); the log keeps the detail.
      note: { code: 'HOLD_TO_TALK_UNAVAILABLE', params: { hotkey: accelerator, refusal } },
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
