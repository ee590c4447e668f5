import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { checkKeyboardHook, probeHasSaidWhy, probeVerdict, type HookProbeRun } from '../../../electron/main/platform/keyboardHookCheck'
import { PushToTalkWithFallback } from '../../../electron/main/platform/pushToTalkWithFallback'
import { TogglePushToTalk } from '../../../electron/main/platform/togglePushToTalk'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'
import { sightlineFuses } from '../../../scripts/electron-builder.config'
import { FakeKeyboardHook, recordingHandlers } from './fakeKeyboardHook'
import { describeNotice } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

vi.mock('electron', () => ({ globalShortcut: { register: () => false, unregister: () => undefined } }))

const X11 = { DISPLAY: ':0', XDG_SESSION_TYPE: 'x11' }
const passed: HookProbeRun = { exitCode: 0, output: '', timedOut: false }
const root = join(import.meta.dirname, '../../..')

/** Every TypeScript file under a folder of the repository. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(folder, path))
}

/** The hold-or-toggle decision the app makes at startup, from a probe answer. */
async function bindWith(run: HookProbeRun | Error, options: { platform?: NodeJS.Platform; trusted?: boolean } = {}) {
  const platform = options.platform ?? 'linux'
  const runProbe = vi.fn(async () => {
    if (run instanceof Error) throw run
    return run
  })
  const problem = await checkKeyboardHook({
    env: platform === 'linux' ? X11 : {},
    platform,
    runProbe,
    ...(options.trusted === undefined ? {} : { isTrustedAccessibilityClient: () => options.trusted! }),
  })
  const registered: string[] = []
  const hook = new FakeKeyboardHook()
  const source = new PushToTalkWithFallback(
    new UiohookPushToTalk({ hook, preflight: () => problem, platform }),
    new TogglePushToTalk({ register: (accelerator) => registered.push(accelerator) > 0, unregister: () => undefined }),
  )
  const binding = source.bind('CommandOrControl+Shift+Space', recordingHandlers().h)
  return { binding, hook, runProbe, registered, problem }
}

describe('the hotkey probe against our own fuses', () => {
  it('ships with runAsNode off, so nothing in the app may run its own binary as Node', () => {
    expect(sightlineFuses.runAsNode).toBe(false)
    const offenders = [...sourcesUnder('electron'), ...sourcesUnder('shared')].filter((path) =>
      /ELECTRON_RUN_AS_NODE|spawn(Sync)?\(\s*process\.execPath|fork\(\s*process\.execPath/.test(readFileSync(join(root, path), 'utf8')),
    )
    expect(offenders).toEqual([])
  })

  it('the probe passes: hold-to-talk on the hook, no shortcut registered', async () => {
    const { binding, hook, runProbe, registered } = await bindWith(passed)
    expect(runProbe).toHaveBeenCalledTimes(1)
    expect(binding).toMatchObject({ mode: 'hold', note: null })
    expect(hook.starts).toBe(1)
    expect(registered).toEqual([])
  })

  it('the probe dies opening the display: toggle on the same hotkey, the hook never started, and the note says why', async () => {
    const { binding, hook, registered } = await bindWith({ exitCode: 134, output: 'XOpenDisplay failure!\n', timedOut: false })
    expect(binding.mode).toBe('toggle')
    expect(binding.note).toEqual({ code: 'HOLD_TO_TALK_UNAVAILABLE', params: { hotkey: 'CommandOrControl+Shift+Space', refusal: 'X_DISPLAY_FAILED' } })
    expect(describeNotice(binding.note!, wordingFor('en'))).toBe(
      'Hold-to-talk is not available here, so press CommandOrControl+Shift+Space once to start talking and again to stop. The X display cannot be opened.',
    )
    expect(hook.starts).toBe(0)
    expect(registered).toEqual(['CommandOrControl+Shift+Space'])
  })

  it('a probe that hangs counts as failed after the timeout, not as a working hook', async () => {
    const { binding, problem } = await bindWith({ exitCode: null, output: '', timedOut: true })
    expect(binding.mode).toBe('toggle')
    expect(problem).toEqual({ code: 'CHECK_TIMED_OUT', detail: 'the keyboard hook check did not finish within 10 s' })
  })

  it('a probe process that cannot start says so and falls back', async () => {
    const { binding, problem } = await bindWith(new Error('spawn EACCES'))
    expect(binding.mode).toBe('toggle')
    expect(problem).toEqual({ code: 'CHECK_FAILED', detail: 'the keyboard hook check could not start (Error: spawn EACCES)' })
  })

  it('macOS asks isTrustedAccessibilityClient(false) and runs no probe', async () => {
    const refused = await bindWith(passed, { platform: 'darwin', trusted: false })
    expect(refused.runProbe).not.toHaveBeenCalled()
    expect(refused.binding.mode).toBe('toggle')
    expect(refused.problem).toEqual({ code: 'MAC_PERMISSION', detail: 'Sightline is not allowed to watch the keyboard: allow it in System Settings → Privacy & Security → Accessibility' })
    const allowed = await bindWith({ exitCode: 1, output: 'never asked', timedOut: false }, { platform: 'darwin', trusted: true })
    expect(allowed.runProbe).not.toHaveBeenCalled()
    expect(allowed.binding.mode).toBe('hold')
  })

  it('Wayland and a missing display are known without a probe', async () => {
    const runProbe = vi.fn(async () => passed)
    expect(await checkKeyboardHook({ env: { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' }, platform: 'linux', runProbe })).toMatchObject({ code: 'WAYLAND', detail: expect.stringMatching(/Wayland session/) })
    expect(await checkKeyboardHook({ env: {}, platform: 'linux', runProbe })).toEqual({ code: 'NO_X_DISPLAY', detail: 'there is no X display to watch the keyboard on' })
    expect(runProbe).not.toHaveBeenCalled()
  })

  it('reads libuiohook’s own words from the probe’s stderr', () => {
    const failed = (output: string, exitCode: number | null = 1): HookProbeRun => ({ exitCode, output, timedOut: false })
    expect(probeVerdict(failed('[uiohook] XRecord is not available'), X11, 'linux')).toEqual({ code: 'NO_XRECORD', detail: 'the X server has no RECORD extension, which the keyboard hook needs' })
    expect(probeVerdict(failed('UIOHOOK_ERROR_AXAPI_DISABLED'), {}, 'win32')).toMatchObject({ code: 'MAC_PERMISSION', detail: expect.stringMatching(/Accessibility/) })
    expect(probeVerdict(failed('first\nError: hook thread failed\n'), {}, 'win32')).toEqual({ code: 'HOOK_FAILED', detail: 'the keyboard hook could not start (Error: hook thread failed)' })
    expect(probeVerdict(failed('', null), {}, 'win32')).toEqual({ code: 'HOOK_FAILED', detail: 'the keyboard hook could not start (exit by signal)' })
  })

  it('a probe that hangs after saying why: libuiohook’s words win over the timeout, and the runner can stop it as soon as they are in', () => {
    // Seen on Linux: DISPLAY=:65000, both of libuiohook's threads report the failure, then the probe never exits.
    const hungAfterSaying = 'xrecord_start [1024]: XOpenDisplay failure!\nsettings_thread_proc [115]: XOpenDisplay failure!\n'
    expect(probeHasSaidWhy(hungAfterSaying)).toBe(true)
    expect(probeVerdict({ exitCode: null, output: hungAfterSaying, timedOut: true }, { DISPLAY: ':65000' }, 'linux')).toEqual({ code: 'X_DISPLAY_FAILED', detail: 'the X display :65000 cannot be opened' })
    expect(probeHasSaidWhy('[uiohook] XRecord is not available')).toBe(true)
    expect(probeHasSaidWhy('')).toBe(false)
    expect(probeVerdict({ exitCode: null, output: '', timedOut: true }, X11, 'linux')).toMatchObject({ code: 'CHECK_TIMED_OUT' })
  })
})
