import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_ORIGIN, CONTENT_SECURITY_POLICY_HEADER } from '../../../electron/main/windows/securityPolicy'

// The guards as wired: the real appProtocol/windowGuards modules, handed stand-ins for the
// Electron objects they register on, so what each registered handler decides is tested (the
// policy functions alone are in securityPolicy.test.ts; the Electron smoke suite runs the same
// wiring in Electron where the binary exists).

const electron = vi.hoisted(() => ({
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  opened: [] as string[],
}))
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electron.protocolHandlers.set(scheme, handler),
    registerSchemesAsPrivileged: () => undefined,
  },
  shell: { openExternal: async (url: string) => void electron.opened.push(url) },
  clipboard: { writeText: () => undefined },
}))

const { serveRenderer } = await import('../../../electron/main/windows/appProtocol')
const { guardContents, guardSession } = await import('../../../electron/main/windows/windowGuards')

const root = mkdtempSync(join(tmpdir(), 'sightline-renderer-'))
mkdirSync(join(root, 'assets'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sightline</title>')
writeFileSync(join(root, 'assets/app.js'), 'console.log(1)')
writeFileSync(join(tmpdir(), 'sightline-outside.txt'), 'secret')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the app:// protocol handler as registered', () => {
  it('serves the page with the CSP header (frame-ancestors included), nosniff and no framing', async () => {
    serveRenderer(root)
    const handler = electron.protocolHandlers.get('app')!
    const page = await handler(new Request(`${APP_ORIGIN}/`))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Sightline</title>')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const script = await handler(new Request(`${APP_ORIGIN}/assets/app.js`))
    expect(script.headers.get('content-type')).toMatch(/javascript/)
  })

  it.each([`${APP_ORIGIN}/..%2fsightline-outside.txt`, `${APP_ORIGIN}/assets/../../sightline-outside.txt`, 'app://elsewhere/index.html', `${APP_ORIGIN}/missing.js`])(
    'answers 404 for %s',
    async (url) => {
      serveRenderer(root)
      const response = await electron.protocolHandlers.get('app')!(new Request(url))
      expect(response.status).toBe(404)
    },
  )
})

/** A stand-in WebContents that records the listeners and the window-open handler it is given. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  return {
    on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => void listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => void (openHandler = handler),
    /** Fires an event; true when the guard prevented it. */
    fire(name: string, url?: string): boolean {
      let prevented = false
      listeners.get(name)!({ preventDefault: () => void (prevented = true) }, url)
      return prevented
    },
    open: (url: string) => openHandler!({ url }),
  }
}

describe('navigation and window-open guards as wired on a page', () => {
  beforeEach(() => {
    electron.opened.length = 0
  })

  it('blocks navigation and redirects away from our origin, and every webview', () => {
    const contents = fakeContents()
    guardContents(contents as never, [APP_ORIGIN])
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.fire('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false)
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-attach-webview')).toBe(true)
  })

  it('never opens a window; an https link goes to the OS browser, anything else nowhere', async () => {
    const contents = fakeContents()
    guardContents(contents as never, [APP_ORIGIN])
    for (const url of ['https://example.com/a', 'javascript:alert(1)', 'file:///etc/passwd', 'http://example.com', `${APP_ORIGIN}/`]) {
      expect(contents.open(url)).toEqual({ action: 'deny' })
    }
    await vi.waitFor(() => expect(electron.opened).toEqual(['https://example.com/a']))
  })
})

describe('permission handlers as wired on the session', () => {
  function wiredSession() {
    const handlers: {
      request?: (contents: { getURL(): string }, permission: string, callback: (allow: boolean) => void, details: Record<string, unknown>) => void
      check?: (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean
      device?: () => boolean
    } = {}
    guardSession(
      {
        setPermissionRequestHandler: (h: typeof handlers.request) => void (handlers.request = h),
        setPermissionCheckHandler: (h: typeof handlers.check) => void (handlers.check = h),
        setDevicePermissionHandler: (h: typeof handlers.device) => void (handlers.device = h),
      } as never,
      [APP_ORIGIN],
    )
    const request = (permission: string, details: Record<string, unknown>, url = `${APP_ORIGIN}/`) =>
      new Promise<boolean>((resolve) => handlers.request!({ getURL: () => url }, permission, resolve, details))
    return { handlers, request }
  }

  it('grants the microphone and display capture to our top frame only, and nothing else to anyone', async () => {
    const { handlers, request } = wiredSession()
    const ours = { requestingUrl: `${APP_ORIGIN}/`, isMainFrame: true }
    expect(await request('media', { ...ours, mediaTypes: ['audio'] })).toBe(true)
    expect(await request('display-capture', ours)).toBe(true)
    expect(await request('media', { ...ours, mediaTypes: ['audio', 'video'] })).toBe(false)
    expect(await request('media', { ...ours, isMainFrame: false, mediaTypes: ['audio'] })).toBe(false)
    expect(await request('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['audio'] })).toBe(false)
    expect(await request('geolocation', ours)).toBe(false)
    expect(await request('notifications', ours)).toBe(false)
    // A page with no URL yet (about to load) gets nothing either.
    expect(await request('media', { ...ours, mediaTypes: ['audio'] }, '')).toBe(false)
    expect(handlers.check!(null, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'audio' })).toBe(true)
    expect(handlers.check!(null, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'video' })).toBe(false)
    expect(handlers.check!(null, 'clipboard-read', APP_ORIGIN, { isMainFrame: true })).toBe(false)
    expect(handlers.device!()).toBe(false)
  })
})
