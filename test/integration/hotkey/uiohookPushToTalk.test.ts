import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PushToTalkBinding } from '../../../electron/main/core/ports'
import { PushToTalkWithFallback } from '../../../electron/main/platform/pushToTalkWithFallback'
import { TogglePushToTalk, type ShortcutRegistry } from '../../../electron/main/platform/togglePushToTalk'
import { UiohookPushToTalk, uiohookPreflight } from '../../../electron/main/platform/uiohookPushToTalk'
import { startXvfb, xdotool, type XvfbDisplay } from './xvfbDisplay'

// The combinator's module also builds the production pair, whose fallback wraps Electron's
// globalShortcut; the Electron binary cannot run here, so that one import is stubbed.
vi.mock('electron', () => ({ globalShortcut: { register: () => false, unregister: () => undefined } }))

/** What the hotkey did, in order. */
function recorder() {
  const events: ('press' | 'release')[] = []
  return { events, handlers: { onPress: () => events.push('press'), onRelease: () => events.push('release') } }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Hook events reach JS asynchronously from the hook thread: wait until `events` has `count` entries, then a little longer to catch extras. */
async function settle(events: unknown[], count: number): Promise<void> {
  const deadline = Date.now() + 5000
  while (events.length < count && Date.now() < deadline) await sleep(20)
  await sleep(300)
}

/** Keeps the key down long enough for X auto-repeat (660 ms by default) to send repeated keydowns. */
const HOLD_MS = 1200

let x: XvfbDisplay
let previousDisplay: string | undefined

beforeAll(async () => {
  x = await startXvfb()
  previousDisplay = process.env.DISPLAY
  // libuiohook opens the display named by this process's DISPLAY when the hook starts.
  process.env.DISPLAY = x.display
})

afterAll(async () => {
  if (previousDisplay === undefined) delete process.env.DISPLAY
  else process.env.DISPLAY = previousDisplay
  await x?.stop()
})

describe('UiohookPushToTalk under Xvfb, driven by xdotool', () => {
  const source = new UiohookPushToTalk({ platform: 'linux' })
  let binding: PushToTalkBinding | null = null

  afterAll(() => binding?.dispose())

  it('finds that the hook can run on this display', () => {
    expect(uiohookPreflight({ ...process.env, DISPLAY: x.display }, 'linux')).toBeNull()
  })

  it('holding Ctrl+Shift+Space presses once, letting go releases once, auto-repeat adds nothing', async () => {
    const { events, handlers } = recorder()
    binding = source.bind('CommandOrControl+Shift+Space', handlers)
    expect(binding.mode).toBe('hold')
    expect(binding.note).toBeNull()
    await sleep(200)
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await sleep(HOLD_MS)
    expect(events).toEqual(['press'])
    await xdotool(x.display, 'keyup', 'space')
    await xdotool(x.display, 'keyup', 'shift+ctrl')
    await settle(events, 2)
    expect(events).toEqual(['press', 'release'])
    binding.dispose()
    binding = null
  })

  it('letting go of a modifier first ends the hold, and the rest of the keys coming up adds nothing', async () => {
    const { events, handlers } = recorder()
    binding = source.bind('CommandOrControl+Shift+Space', handlers)
    await sleep(200)
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await sleep(HOLD_MS)
    await xdotool(x.display, 'keyup', 'shift')
    await settle(events, 2)
    expect(events).toEqual(['press', 'release'])
    await xdotool(x.display, 'keyup', 'ctrl+space')
    await settle(events, 3)
    expect(events).toEqual(['press', 'release'])
    binding.dispose()
    binding = null
  })

  it('ignores Space alone, the chord with an extra modifier, and the modifiers without Space', async () => {
    const { events, handlers } = recorder()
    binding = source.bind('CommandOrControl+Shift+Space', handlers)
    await sleep(200)
    await xdotool(x.display, 'key', 'space')
    await xdotool(x.display, 'key', 'ctrl+alt+shift+space')
    await xdotool(x.display, 'key', 'ctrl+shift')
    await xdotool(x.display, 'key', 'ctrl+shift+a')
    await settle(events, 1)
    expect(events).toEqual([])
    binding.dispose()
    binding = null
  })

  it('works for a rebound hotkey (Alt+Shift+Space) and does not answer to the old one', async () => {
    const { events, handlers } = recorder()
    binding = source.bind('Alt+Shift+Space', handlers)
    await sleep(200)
    await xdotool(x.display, 'key', 'ctrl+shift+space')
    await xdotool(x.display, 'keydown', 'alt+shift+space')
    await sleep(300)
    await xdotool(x.display, 'keyup', 'alt+shift+space')
    await settle(events, 2)
    expect(events).toEqual(['press', 'release'])
    binding.dispose()
    binding = null
  })

  it('releases a hold that is still down when the binding is disposed, so talking never sticks', async () => {
    const { events, handlers } = recorder()
    const held = source.bind('CommandOrControl+Shift+Space', handlers)
    await sleep(200)
    await xdotool(x.display, 'keydown', 'ctrl+shift+space')
    await settle(events, 1)
    held.dispose()
    expect(events).toEqual(['press', 'release'])
    await xdotool(x.display, 'keyup', 'ctrl+shift+space')
    await sleep(300)
    expect(events).toEqual(['press', 'release'])
  })
})

describe('where the hook cannot run', () => {
  it('says why instead of starting it when there is no X display (a failed start would abort the app)', () => {
    expect(uiohookPreflight({}, 'linux')).toMatch(/no X display/)
    expect(uiohookPreflight({ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, 'linux')).toMatch(/Wayland/)
  })

  it('says why when the X display does not exist, probing in a child process so this one survives', () => {
    expect(uiohookPreflight({ ...process.env, DISPLAY: ':65000' }, 'linux')).toMatch(/cannot be opened/)
  })

  it('says why when the X server lacks the RECORD extension', async () => {
    const bare = await startXvfb(['-extension', 'RECORD'])
    try {
      expect(uiohookPreflight({ ...process.env, DISPLAY: bare.display }, 'linux')).toMatch(/RECORD extension/)
    } finally {
      await bare.stop()
    }
  })

  it('falls back to press-to-toggle on the same hotkey and tells the user why', () => {
    const registered: string[] = []
    const registry: ShortcutRegistry = {
      register: (accelerator) => registered.push(accelerator) > 0,
      unregister: () => undefined,
    }
    const source = new PushToTalkWithFallback(
      new UiohookPushToTalk({ platform: 'linux', preflight: () => uiohookPreflight({}, 'linux') }),
      new TogglePushToTalk(registry),
    )
    const binding = source.bind('CommandOrControl+Shift+Space', recorder().handlers)
    expect(binding.mode).toBe('toggle')
    expect(binding.note).toMatch(/Hold-to-talk is not available because there is no X display/)
    expect(binding.note).toMatch(/Press CommandOrControl\+Shift\+Space once to start talking and again to stop/)
    expect(registered).toEqual(['CommandOrControl+Shift+Space'])
    binding.dispose()
  })
})
