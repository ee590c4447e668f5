import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import type { Logger, PushToTalkBinding, PushToTalkHandlers, PushToTalkSource } from '../core/ports'
import { ChordTracker, keycodeForDomCode, parseAccelerator } from './acceleratorChord'
import { PushToTalkError } from './pushToTalkError'

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
  /** Says why the hook cannot run here, or null when it can; defaults to {@link uiohookPreflight}. */
  preflight?: () => string | null
  platform?: NodeJS.Platform
  logger?: Logger
}

const require = createRequire(import.meta.url)

/**
 * Hold-to-talk through a global keyboard hook (uiohook-napi): `onPress` when the whole chord
 * goes down, `onRelease` when its key or a modifier comes up, nothing for auto-repeat.
 * Where the hook cannot run, `bind` throws a `HOTKEY_HOOK_UNAVAILABLE` {@link PushToTalkError}
 * whose message says why, so {@link PushToTalkWithFallback} can fall back and tell the user.
 */
export class UiohookPushToTalk implements PushToTalkSource {
  private hook: KeyboardHook | null
  private readonly preflight: () => string | null
  private readonly platform: NodeJS.Platform
  private readonly logger: Logger | undefined
  private activeBindings = 0
  /** Each live binding's chord state and handlers, for resets and window key-ups. */
  private readonly holds = new Set<{ tracker: ChordTracker; handlers: PushToTalkHandlers }>()

  constructor(options: UiohookPushToTalkOptions = {}) {
    this.hook = options.hook ?? null
    this.preflight = options.preflight ?? uiohookPreflight
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
      // libuiohook aborts the whole process (not a catchable error) when it cannot start, so ask first.
      const reason = this.preflight()
      if (reason) throw new PushToTalkError('HOTKEY_HOOK_UNAVAILABLE', reason)
      try {
        this.hook ??= (require('uiohook-napi') as typeof import('uiohook-napi')).uIOhook
        this.hook.start()
      } catch (error) {
        throw new PushToTalkError('HOTKEY_HOOK_UNAVAILABLE', `the keyboard hook failed to start (${String(error)})`, { cause: error })
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
      this.logger?.warn('push-to-talk: keyboard hook did not stop cleanly', { error: String(error) })
    }
  }
}

/** Answers by environment (display, session type), since that is what decides them. */
const preflightCache = new Map<string, string | null>()

/**
 * Whether uiohook can start on this machine, found once per process. Cheap environment checks
 * first (Linux needs an X display; a Wayland session only exposes X11 windows to the hook), then
 * a throw-away child process actually starts and stops the hook, because a failed start in
 * libuiohook aborts the process that tried (no X server, no XRecord, no macOS accessibility
 * permission). Blocks for ~0.1 s the first time. Returns null when it can run, else why not.
 */
export function uiohookPreflight(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const key = [platform, env.DISPLAY, env.WAYLAND_DISPLAY, env.XDG_SESSION_TYPE].join('|')
  const cached = preflightCache.get(key)
  if (cached !== undefined) return cached
  const reason = environmentProblem(env, platform) ?? probeInChildProcess(env, platform)
  preflightCache.set(key, reason)
  return reason
}

function environmentProblem(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null
  if (env.XDG_SESSION_TYPE === 'wayland' || (env.WAYLAND_DISPLAY && !env.DISPLAY)) {
    return 'this is a Wayland session, where a keyboard hook cannot see key presses in other apps'
  }
  if (!env.DISPLAY) return 'there is no X display to watch the keyboard on'
  return null
}

function probeInChildProcess(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  let modulePath: string
  try {
    modulePath = require.resolve('uiohook-napi')
  } catch (error) {
    return `the keyboard hook module is missing (${String(error)})`
  }
  const script = 'const { uIOhook } = require(process.argv[1]); uIOhook.start(); uIOhook.stop(); process.exit(0)'
  // ELECTRON_RUN_AS_NODE makes the Electron binary behave as plain Node for the probe.
  const result = spawnSync(process.execPath, ['-e', script, modulePath], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 10_000,
  })
  if (result.status === 0) return null
  const output = `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`
  if (/XOpenDisplay|X_OPEN_DISPLAY/i.test(output)) return `the X display ${env.DISPLAY ?? ''} cannot be opened`
  if (/XRecord|RECORD/.test(output)) return 'the X server has no RECORD extension, which the keyboard hook needs'
  if (platform === 'darwin' || /AXAPI|assistive/i.test(output)) {
    return 'Sightline is not allowed to watch the keyboard: allow it in System Settings → Privacy & Security → Accessibility'
  }
  const lastLine = output.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${String(result.status ?? result.signal)}`
  return `the keyboard hook could not start (${lastLine})`
}

/** Forgets the cached preflight answer (tests, or after the user granted a permission). */
export function resetUiohookPreflight(): void {
  preflightCache.clear()
}
