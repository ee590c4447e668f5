import { describe, expect, it, vi } from 'vitest'
import type { DesktopCapturerSource, DisplayMediaRequestHandlerHandlerRequest, Streams } from 'electron'
import { ElectronScreenSources, isWaylandSession } from '../../../electron/main/platform/electronScreenSources'

vi.mock('electron', () => ({ desktopCapturer: {}, shell: {}, systemPreferences: {} }))

const APP = 'app://sightline'

function source(id: string, name: string): DesktopCapturerSource {
  return { id, name, display_id: '', appIcon: null as never, thumbnail: { isEmpty: () => true, toDataURL: () => '' } as never }
}

/**
 * desktopCapturer as the xdg-desktop-portal serves it on Wayland (or as X11/Windows/macOS do
 * when `oneShotIds` is false): with one-shot ids, every call is a new portal session whose ids
 * differ from any earlier call's, so an id from one listing is found in no later one.
 */
function fakeCapturer(oneShotIds: boolean, pick = 0) {
  let session = 0
  const capturer = {
    calls: 0,
    getSources: vi.fn(async () => {
      capturer.calls++
      session++
      const tag = oneShotIds ? `-${session}` : ''
      return [source(`screen:1:0${tag}`, 'Entire screen'), source(`window:42:0${tag}`, 'Terminal')].slice(oneShotIds ? pick : 0, oneShotIds ? pick + 1 : 2)
    }),
  }
  return capturer
}

/** A session that keeps the display-media handler so a test can make the page's getDisplayMedia request. */
function fakeSession() {
  let handler: ((request: DisplayMediaRequestHandlerHandlerRequest, callback: (streams: Streams) => void) => void) | null = null
  const session = {
    options: null as unknown,
    setDisplayMediaRequestHandler: vi.fn((h: typeof handler, options?: unknown) => {
      handler = h
      session.options = options
    }),
    /** The page asks for the display; resolves with what main answered. */
    request: (origin = APP) =>
      new Promise<Streams>((resolve) => handler!({ frame: { origin } } as DisplayMediaRequestHandlerHandlerRequest, resolve)),
  }
  return session
}

function sources(options: { wayland: boolean; capturer: ReturnType<typeof fakeCapturer> }) {
  const session = fakeSession()
  const screens = new ElectronScreenSources({
    session: session as never,
    capturer: options.capturer as never,
    trustedOrigins: [APP],
    platform: 'linux',
    env: options.wayland ? { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' } : { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' },
  })
  return { session, screens }
}

describe('screen sharing on Wayland: portal source ids work only once', () => {
  it('lists once per share and hands the picked source itself to getDisplayMedia, never listing again', async () => {
    // One-shot ids even off Wayland: whatever the platform, a second listing is never needed.
    const capturer = fakeCapturer(true, 1)
    const { session, screens } = sources({ wayland: false, capturer })
    const listed = await screens.list()
    expect(listed.map((s) => s.name)).toEqual(['Terminal'])
    screens.select(listed[0]!.id)
    const answer = await session.request()
    expect(capturer.calls).toBe(1)
    expect(answer.video).toMatchObject({ id: 'window:42:0-1', name: 'Terminal' })
  })

  it('on Wayland the portal’s picker chooses: our list stays empty, one getSources call inside the request, its answer passed through', async () => {
    const capturer = fakeCapturer(true, 1)
    const { session, screens } = sources({ wayland: true, capturer })
    expect(screens.usesSystemPicker).toBe(true)
    expect(await screens.list()).toEqual([])
    expect(capturer.calls).toBe(0)
    const answer = await session.request()
    expect(capturer.calls).toBe(1)
    expect(answer.video).toMatchObject({ id: 'window:42:0-1', name: 'Terminal' })
  })

  it('on Wayland a portal dialog the user cancelled shares nothing', async () => {
    const capturer = fakeCapturer(true)
    capturer.getSources.mockResolvedValueOnce([])
    const { session } = sources({ wayland: true, capturer })
    expect(await session.request()).toEqual({})
  })

  it('one pick serves one capture: a second request without a new pick gets nothing', async () => {
    const capturer = fakeCapturer(false)
    const { session, screens } = sources({ wayland: false, capturer })
    screens.select((await screens.list())[0]!.id)
    expect((await session.request()).video).toMatchObject({ id: 'screen:1:0' })
    expect(await session.request()).toEqual({})
    expect(capturer.calls).toBe(1)
  })

  it('refuses an id that the last listing did not offer, with a clear error', async () => {
    const { screens } = sources({ wayland: false, capturer: fakeCapturer(false) })
    await screens.list()
    expect(() => screens.select('screen:9:0')).toThrow(expect.objectContaining({ code: 'SCREEN_SOURCE_UNKNOWN' }))
  })

  it('answers nothing to a frame that is not ours', async () => {
    const capturer = fakeCapturer(false)
    const { session, screens } = sources({ wayland: false, capturer })
    screens.select((await screens.list())[0]!.id)
    expect(await session.request('https://evil.example')).toEqual({})
  })

  it('keeps offering the macOS system picker', () => {
    const { session } = sources({ wayland: false, capturer: fakeCapturer(false) })
    expect(session.options).toEqual({ useSystemPicker: true })
  })

  it('knows a Wayland session by XDG_SESSION_TYPE or WAYLAND_DISPLAY, on Linux only', () => {
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' }, 'linux')).toBe(true)
    expect(isWaylandSession({ WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, 'linux')).toBe(true)
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'linux')).toBe(false)
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' }, 'darwin')).toBe(false)
  })
})
