import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PushToTalkWithFallback } from '../../../electron/main/platform/pushToTalkWithFallback'
import { TogglePushToTalk, type ShortcutRegistry } from '../../../electron/main/platform/togglePushToTalk'
import { checkKeyboardHook } from '../../../electron/main/platform/keyboardHookCheck'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'
import { runHookProbeWithNode } from './nodeHookProbe'
import { HotkeyProcess } from './hotkeyProcess'
import { startXvfb, xdotool, type XvfbDisplay } from './xvfbDisplay'
import { describeNotice } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

// The combinator's module also builds the production pair, whose fallback wraps Electron's
// globalShortcut; the Electron binary cannot run here, so that one import is stubbed.
vi.mock('electron', () => ({ globalShortcut: { register: () => false, unregister: () => undefined } }))

/** The app's startup check on Linux with `env`, its probe run by Node. */
const check = (env: NodeJS.ProcessEnv) => checkKeyboardHook({ env, platform: 'linux', runProbe: () => runHookProbeWithNode(env) })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Hook events reach us asynchronously: wait until `count` have come (or 5 s), then a little longer so any extra one shows up too. */
async function settle(hotkey: HotkeyProcess, count: number): Promise<void> {
  const deadline = Date.now() + 5000
  while (hotkey.presses.length < count && Date.now() < deadline) await sleep(20)
  await quiet()
}

/** Long enough for a stray event from the hook thread to arrive. */
const quiet = () => sleep(400)

/** Keeps the key down long enough for X auto-repeat (660 ms by default) to send repeated keydowns. */
const HOLD_MS = 1200

describe('UiohookPushToTalk under Xvfb, driven by xdotool', () => {
  let x: XvfbDisplay
  let hotkey: HotkeyProcess

  beforeAll(async () => {
    x = await startXvfb()
    hotkey = HotkeyProcess.start(x.display)
  })

  afterAll(async () => {
    // The hook process first: Xlib ends any process whose X server disappears.
    await hotkey?.stop()
    await x?.stop()
  })

  it('finds that the hook can run on this display, with the probe the app runs in a utilityProcess', async () => {
    expect(await check({ ...process.env, DISPLAY: x.display })).toBeNull()
  })

  it('holding Ctrl+Shift+Space presses once, letting go releases once, auto-repeat adds nothing', async () => {
    expect(await hotkey.bind('CommandOrControl+Shift+Space')).toEqual({ type: 'bound', mode: 'hold', note: null })
    hotkey.clear()
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await sleep(HOLD_MS)
    expect(hotkey.presses).toEqual(['press'])
    await xdotool(x.display, 'keyup', 'space')
    await xdotool(x.display, 'keyup', 'shift+ctrl')
    await settle(hotkey, 2)
    expect(hotkey.presses).toEqual(['press', 'release'])
  })

  it('letting go of a modifier first ends the hold, and the other keys coming up add nothing', async () => {
    await hotkey.bind('CommandOrControl+Shift+Space')
    hotkey.clear()
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await sleep(HOLD_MS)
    await xdotool(x.display, 'keyup', 'shift')
    await settle(hotkey, 2)
    expect(hotkey.presses).toEqual(['press', 'release'])
    await xdotool(x.display, 'keyup', 'ctrl+space')
    await quiet()
    expect(hotkey.presses).toEqual(['press', 'release'])
  })

  it('ignores Space alone, the chord with an extra modifier, and the modifiers without Space', async () => {
    await hotkey.bind('CommandOrControl+Shift+Space')
    hotkey.clear()
    await xdotool(x.display, 'key', 'space')
    await xdotool(x.display, 'key', 'ctrl+alt+shift+space')
    await xdotool(x.display, 'key', 'ctrl+shift')
    await xdotool(x.display, 'key', 'ctrl+shift+a')
    await quiet()
    expect(hotkey.presses).toEqual([])
    // The hook was listening all along: the real chord still works.
    await xdotool(x.display, 'key', 'ctrl+shift+space')
    await settle(hotkey, 2)
    expect(hotkey.presses).toEqual(['press', 'release'])
  })

  it('follows a rebound hotkey (Alt+Shift+Space) and no longer answers to the old one', async () => {
    await hotkey.bind('Alt+Shift+Space')
    hotkey.clear()
    await xdotool(x.display, 'key', 'ctrl+shift+space')
    await xdotool(x.display, 'keydown', 'alt+shift+space')
    await sleep(300)
    await xdotool(x.display, 'keyup', 'alt+shift+space')
    await settle(hotkey, 2)
    expect(hotkey.presses).toEqual(['press', 'release'])
  })

  it('stale held keys: Super and L down with no key-ups, then a lock/unlock reset, and the first chord press talks', async () => {
    await hotkey.bind('CommandOrControl+Shift+Space')
    hotkey.clear()
    await xdotool(x.display, 'keydown', 'super+l')
    await xdotool(x.display, 'key', 'ctrl+shift+space')
    await quiet()
    // Super still counts as held: the chord has an extra modifier, as after the Windows lock screen.
    expect(hotkey.presses).toEqual([])
    await hotkey.resetHeldKeys()
    await xdotool(x.display, 'key', 'ctrl+shift+space')
    await settle(hotkey, 2)
    expect(hotkey.presses).toEqual(['press', 'release'])
    await xdotool(x.display, 'keyup', 'l+super')
    await quiet()
    expect(hotkey.presses).toEqual(['press', 'release'])
  })

  it('key-ups lost while our window is focused: the window key-up releases, and the hook key-up after it adds nothing', async () => {
    await hotkey.bind('CommandOrControl+Shift+Space')
    hotkey.clear()
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await settle(hotkey, 1)
    await hotkey.windowKeyUp('Space')
    expect(hotkey.presses).toEqual(['press', 'release'])
    await xdotool(x.display, 'keyup', 'space')
    await xdotool(x.display, 'keyup', 'shift+ctrl')
    await quiet()
    expect(hotkey.presses).toEqual(['press', 'release'])
  })

  it('releases a hold that is still down when the binding goes away, so talking never sticks', async () => {
    await hotkey.bind('CommandOrControl+Shift+Space')
    hotkey.clear()
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await settle(hotkey, 1)
    await hotkey.dispose()
    expect(hotkey.presses).toEqual(['press', 'release'])
    await xdotool(x.display, 'keyup', 'ctrl+shift+space')
    await quiet()
    expect(hotkey.presses).toEqual(['press', 'release'])
  })
})

describe('where the hook cannot run', () => {
  it('says why instead of starting it when there is no X display (a failed start would abort the app)', async () => {
    expect(await check({})).toMatchObject({ code: 'NO_X_DISPLAY', detail: expect.stringMatching(/no X display/) })
    expect(await check({ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' })).toMatchObject({ code: 'WAYLAND', detail: expect.stringMatching(/Wayland/) })
  })

  it('says why when the X display does not exist, probing in a process of its own so this one survives', async () => {
    expect(await check({ ...process.env, DISPLAY: ':65000' })).toMatchObject({ code: 'X_DISPLAY_FAILED', detail: expect.stringMatching(/cannot be opened/) })
  })

  it('says why when the X server lacks the RECORD extension', async () => {
    const bare = await startXvfb(['-extension', 'RECORD'])
    try {
      expect(await check({ ...process.env, DISPLAY: bare.display })).toMatchObject({ code: 'NO_XRECORD', detail: expect.stringMatching(/RECORD extension/) })
    } finally {
      await bare.stop()
    }
  })

  it('falls back to press-to-toggle on the same hotkey and tells the user why', async () => {
    const noDisplay = await check({})
    const registered: string[] = []
    const registry: ShortcutRegistry = {
      register: (accelerator) => registered.push(accelerator) > 0,
      unregister: () => undefined,
    }
    const source = new PushToTalkWithFallback(
      new UiohookPushToTalk({ platform: 'linux', preflight: () => noDisplay }),
      new TogglePushToTalk(registry),
    )
    const binding = source.bind('CommandOrControl+Shift+Space', { onPress: () => undefined, onRelease: () => undefined })
    expect(binding.mode).toBe('toggle')
    expect(binding.note).toEqual({ code: 'HOLD_TO_TALK_UNAVAILABLE', params: { hotkey: 'CommandOrControl+Shift+Space', refusal: 'NO_X_DISPLAY' } })
    expect(describeNotice(binding.note!, wordingFor('en'))).toBe(
      'Hold-to-talk is not available here, so press CommandOrControl+Shift+Space once to start talking and again to stop. There is no X display to watch the keyboard on.',
    )
    expect(registered).toEqual(['CommandOrControl+Shift+Space'])
    binding.dispose()
  })
})
