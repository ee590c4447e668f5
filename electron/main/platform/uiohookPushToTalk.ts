import { createRequire } from 'node:module'
import type { Logger, PushToTalkBinding, PushToTalkHandlers, PushToTalkSource } from '../core/ports'
import { ChordTracker, keycodeForDomCode, parseAccelerator } from './acceleratorChord'
import { PushToTalkError } from './pushToTalkError'
import type { HookTrouble } from './keyboardHookCheck'

/** The slice of uiohook-napi's `uIOhook` this adapter uses (a fake in unit tests). */
export interface KeyboardHook {
  on(event: 'keydown' | 'keyup', listener: (event: { keycode: number }) => void): unknown
  off(event: 'keydown' | 'keyup', listener: (event: { keycode: number }) => void): unknown
  start(): void
  stop(): void
}

export interface UiohookPushToTalkOptions {
  /** Defaults to uiohook-napi's global hook, loaded on first bind. */
  hook?: KeyboardHook
  /**
   * Says why the hook cannot run here (a code, with detail for the log), or null when it can: in
   * the app, the answer `checkKeyboardHook` found at startup. Asked before the hook starts, because libuiohook aborts
   * the whole process (not a catchable error) when it cannot.
   */
  preflight: () => HookTrouble | null
  platform?: NodeJS.Platform
  logger?: Logger
}

/**
 * uiohook-napi is CommonJS with a native binding. Not named `require`: electron-vite's ESM
 * output declares its own `require` shim at the top of the bundle, and a second one is a
 * SyntaxError that stops main from loading at all.
 */
const loadCommonJs = createRequire(import.meta.url)

/**
 * Hold-to-talk through a global keyboard hook (uiohook-napi): `onPress` when the whole chord
 * goes down, `onRelease` when its key or a modifier comes up, nothing for auto-repeat.
 * Where the hook cannot run, `bind` throws a `HOTKEY_HOOK_UNAVAILABLE` {@link PushToTalkError}
 * whose message says why, so {@link PushToTalkWithFallback} can fall back and tell the user.
 */
export class UiohookPushToTalk implements PushToTalkSource {
  private hook: KeyboardHook | null
  private readonly preflight: () => HookTrouble | null
  private readonly platform: NodeJS.Platform
  private readonly logger: Logger | undefined
  private activeBindings = 0
  /** Each live binding's chord state and handlers, for resets and window key-ups. */
  private readonly holds = new Set<{ tracker: ChordTracker; handlers: PushToTalkHandlers }>()

  constructor(options: UiohookPushToTalkOptions) {
    this.hook = options.hook ?? null
    this.preflight = options.preflight
    this.platform = options.platform ?? process.platform
    this.logger = options.logger
  }

  bind(accelerator: string, handlers: PushToTalkHandlers): PushToTalkBinding {
    const tracker = new ChordTracker(parseAccelerator(accelerator, this.platform))
    const hook = this.acquire()
    const onKeyDown = (event: { keycode: number }) => {
      if (tracker.keyDown(event.keycode) === 'press') handlers.onPress()
    }
    const onKeyUp = (event: { keycode: number }) => {
      if (tracker.keyUp(event.keycode) === 'release') handlers.onRelease()
    }
    hook.on('keydown', onKeyDown)
    hook.on('keyup', onKeyUp)
    const hold = { tracker, handlers }
    this.holds.add(hold)
    let isDisposed = false
    return {
      mode: 'hold',
      note: null,
      dispose: () => {
        if (isDisposed) return
        isDisposed = true
        hook.off('keydown', onKeyDown)
        hook.off('keyup', onKeyUp)
        this.holds.delete(hold)
        // Never leave the session talking because the binding went away mid-hold.
        if (tracker.isHeld) handlers.onRelease()
        this.release()
      },
    }
  }

  /** Forgets held keys (lock, unlock, suspend, resume); a chord that was down is released once. */
  resetHeldKeys(): void {
    for (const { tracker, handlers } of this.holds) {
      if (tracker.reset() === 'release') handlers.onRelease()
    }
  }

  /** Our window's key-up (`KeyboardEvent.code`), fed in as if the hook had heard it; a release the hook already gave is not repeated. */
  windowKeyUp(code: string): void {
    const keycode = keycodeForDomCode(code)
    if (keycode === undefined) return
    for (const { tracker, handlers } of this.holds) {
      if (tracker.keyUp(keycode) === 'release') handlers.onRelease()
    }
  }

  /** Starts the hook for the first binding; one hook thread serves every binding. */
  private acquire(): KeyboardHook {
    if (this.activeBindings === 0) {
      const trouble = this.preflight()
      if (trouble) throw new PushToTalkError('HOTKEY_HOOK_UNAVAILABLE', trouble.detail, { params: { refusal: trouble.code } })
      try {
        this.hook ??= (loadCommonJs('uiohook-napi') as typeof import('uiohook-napi')).uIOhook
        this.hook.start()
      } catch (error) {
        throw new PushToTalkError('HOTKEY_HOOK_UNAVAILABLE', `the keyboard hook failed to start (${String(error)})`, { cause: error, params: { refusal: 'HOOK_FAILED' } })
      }
      this.logger?.info('push-to-talk: keyboard hook started')
    }
    this.activeBindings++
    return this.hook!
  }

  private release(): void {
    this.activeBindings--
    if (this.activeBindings > 0) return
    try {
      this.hook?.stop()
    } catch (error) {
      this.logger?.warn('push-to-talk: keyboard hook did not stop cleanly', { error })
    }
  }
}
