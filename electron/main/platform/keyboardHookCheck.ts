/** How a run of the probe (electron/utility/uiohookProbe.ts) ended. */
export interface HookProbeRun {
  /** The exit code; null when the process died of a signal, never started, or was killed on timeout. */
  exitCode: number | null
  /** stderr (and any spawn error), where libuiohook says why it could not start. */
  output: string
  timedOut: boolean
}

export interface KeyboardHookCheckOptions {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  /** Runs the probe in a process of its own: Electron's utilityProcess in the app, a Node fork in tests. */
  runProbe(): Promise<HookProbeRun>
  /**
   * macOS only: Electron's `systemPreferences.isTrustedAccessibilityClient(false)` (asks, never
   * prompts). The hook needs the Accessibility permission, and the answer is the main app's own.
   */
  isTrustedAccessibilityClient?(): boolean
}

/**
 * Why the keyboard hook cannot run here, as a code the edges word (the catalogue's
 * `errors.refusal.<code>`), with the English `detail` for the log.
 */
export interface HookTrouble {
  code: 'WAYLAND' | 'NO_X_DISPLAY' | 'X_DISPLAY_FAILED' | 'NO_XRECORD' | 'MAC_PERMISSION' | 'CHECK_TIMED_OUT' | 'CHECK_FAILED' | 'HOOK_FAILED'
  detail: string
}

/** Seconds a probe may take before it counts as failed; a hung probe must not hold startup. */
export const HOOK_PROBE_TIMEOUT_MS = 10_000

const MAC_PERMISSION: HookTrouble = {
  code: 'MAC_PERMISSION',
  detail: 'Sightline is not allowed to watch the keyboard: allow it in System Settings → Privacy & Security → Accessibility',
}

/**
 * Whether uiohook's global hook can run here: null when it can, else why not, as a code (with
 * English detail for the log). Cheap checks first (Linux needs an X display, and a Wayland session shows the hook only
 * X11 windows); macOS asks for the Accessibility permission; elsewhere the probe process
 * really starts the hook. Never spawns `process.execPath` as Node: the shipped `runAsNode: false`
 * fuse turns that into a second Sightline (scripts/electron-builder.config.ts).
 */
export async function checkKeyboardHook(options: KeyboardHookCheckOptions): Promise<HookTrouble | null> {
  const { env, platform } = options
  const problem = environmentProblem(env, platform)
  if (problem) return problem
  if (platform === 'darwin' && options.isTrustedAccessibilityClient) {
    // The probe would run as Electron's helper, which macOS may judge apart from the app: ask for the app.
    return options.isTrustedAccessibilityClient() ? null : MAC_PERMISSION
  }
  let run: HookProbeRun
  try {
    run = await options.runProbe()
  } catch (error) {
    return { code: 'CHECK_FAILED', detail: `the keyboard hook check could not start (${String(error)})` }
  }
  return probeVerdict(run, env, platform)
}

/** What the environment alone says: null when nothing rules the hook out. */
export function environmentProblem(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): HookTrouble | null {
  if (platform !== 'linux') return null
  if (env.XDG_SESSION_TYPE === 'wayland' || (env.WAYLAND_DISPLAY && !env.DISPLAY)) {
    return { code: 'WAYLAND', detail: 'this is a Wayland session, where a keyboard hook cannot see key presses in other apps' }
  }
  if (!env.DISPLAY) return { code: 'NO_X_DISPLAY', detail: 'there is no X display to watch the keyboard on' }
  return null
}

const X_DISPLAY_FAILED_SAID = /XOpenDisplay|X_OPEN_DISPLAY/i
const NO_XRECORD_SAID = /XRecord|RECORD/

/**
 * Whether libuiohook has already said on stderr that its hook cannot start on this X server. The
 * probe's runner stops the probe there instead of waiting for it to end: after an XOpenDisplay
 * failure libuiohook usually aborts at once, but its hook and settings threads can also both fail
 * and wait on each other forever (2 of 10 runs against a display that does not exist, on this
 * project's Linux CI machine), which read as a timed-out check after 10 s instead of the reason.
 */
export function probeHasSaidWhy(output: string): boolean {
  return X_DISPLAY_FAILED_SAID.test(output) || NO_XRECORD_SAID.test(output)
}

/**
 * Reads a probe run: null when the hook started and stopped, else why not. libuiohook's own words
 * come first, even from a probe that was stopped or timed out after saying them.
 */
export function probeVerdict(run: HookProbeRun, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): HookTrouble | null {
  const output = run.output
  if (X_DISPLAY_FAILED_SAID.test(output)) return { code: 'X_DISPLAY_FAILED', detail: `the X display ${env.DISPLAY ?? ''} cannot be opened` }
  if (NO_XRECORD_SAID.test(output)) return { code: 'NO_XRECORD', detail: 'the X server has no RECORD extension, which the keyboard hook needs' }
  if (run.timedOut) return { code: 'CHECK_TIMED_OUT', detail: `the keyboard hook check did not finish within ${HOOK_PROBE_TIMEOUT_MS / 1000} s` }
  if (run.exitCode === 0) return null
  if (platform === 'darwin' || /AXAPI|assistive/i.test(output)) return MAC_PERMISSION
  const lastLine = output.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${String(run.exitCode ?? 'by signal')}`
  return { code: 'HOOK_FAILED', detail: `the keyboard hook could not start (${lastLine})` }
}
