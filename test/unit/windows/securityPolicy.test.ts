import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isNavigationAllowed,
  isOwnTopFrame,
  isPermissionAllowed,
  resolveAppFile,
} from '../../../electron/main/windows/securityPolicy'
import { isSafeExternalUrl } from '../../../shared/safeExternalUrl'
import { createSecureWindow } from '../../../electron/main/windows/secureWindow'

// Electron cannot run here; a stand-in BrowserWindow records what the window was asked for.
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(readonly options: unknown) {}
    // Every window is content-protected (issue 16; test/unit/privacy/contentProtection.test.ts).
    setContentProtection() {}
  },
}))

const ours = [APP_ORIGIN]

describe('window security policy', () => {
  it('makes every window sandboxed and isolated with no Node', () => {
    const window = createSecureWindow({ width: 100, webPreferences: { sandbox: false } } as never, '/p/preload.cjs') as unknown as {
      options: { width: number; webPreferences: Record<string, unknown> }
    }
    expect(window.options.width).toBe(100)
    expect(window.options.webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  it.each(['renderer/index.html', 'renderer/overlay/index.html', 'renderer/overlay/region.html'])('uses the same CSP in %s as in the headers', (page) => {
    const html = readFileSync(join(import.meta.dirname, '../../..', page), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/)
  })

  it('allows only the microphone and display capture, only for our top frame', () => {
    const ask = (permission: string, extra: Partial<Parameters<typeof isPermissionAllowed>[0]> = {}) =>
      isPermissionAllowed({ permission, requestingOrigin: 'app://sightline/index.html', isMainFrame: true, ...extra }, ours)
    expect(ask('media', { mediaTypes: ['audio'] })).toBe(true)
    expect(ask('display-capture')).toBe(true)
    expect(ask('media', { mediaTypes: ['video'] })).toBe(false)
    expect(ask('media', { mediaTypes: ['audio', 'video'] })).toBe(false)
    expect(ask('media')).toBe(false)
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi', 'hid', 'serial', 'usb', 'fullscreen']) {
      expect(ask(p)).toBe(false)
    }
    expect(ask('media', { mediaTypes: ['audio'], isMainFrame: false })).toBe(false)
    expect(ask('media', { mediaTypes: ['audio'], requestingOrigin: 'https://evil.example/' })).toBe(false)
  })

  it('opens only plain https links in the OS browser', () => {
    expect(isSafeExternalUrl('https://aistudio.google.com/apikey')).toBe(true)
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com', 'smb://x/y', 'not a url']) {
      expect(isSafeExternalUrl(url)).toBe(false)
    }
  })

  it('never navigates away from our origin', () => {
    expect(isNavigationAllowed('app://sightline/index.html#mini', ours)).toBe(true)
    expect(isNavigationAllowed('https://example.com', ours)).toBe(false)
    expect(isNavigationAllowed('file:///tmp/x.html', ours)).toBe(false)
  })

  it('trusts only our top frame as an IPC sender', () => {
    expect(isOwnTopFrame({ origin: APP_ORIGIN, isTopFrame: true }, ours)).toBe(true)
    expect(isOwnTopFrame({ origin: APP_ORIGIN, isTopFrame: false }, ours)).toBe(false)
    expect(isOwnTopFrame({ origin: 'null', isTopFrame: true }, ours)).toBe(false)
  })

  it('serves only files inside the renderer folder', () => {
    const root = '/app/out/renderer'
    expect(resolveAppFile(root, 'app://sightline/')).toBe('/app/out/renderer/index.html')
    expect(resolveAppFile(root, 'app://sightline/assets/index.js')).toBe('/app/out/renderer/assets/index.js')
    // The URL parser collapses dot segments (also percent-encoded ones) before we see them,
    // so these land inside the root at worst; what matters is that nothing escapes it.
    for (const url of ['app://sightline/../main/index.js', 'app://sightline/%2e%2e/main/index.js', 'app://sightline/a/../../../etc/passwd']) {
      const file = resolveAppFile(root, url)
      expect(file === null || file.startsWith(`${root}/`)).toBe(true)
    }
    for (const url of [
      'app://sightline/..%2f..%2fetc/passwd',
      'app://sightline/assets/..%5c..%5csecret',
      'app://other/index.html',
      'https://sightline/index.html',
      'app://sightline/%00',
      'app://sightline/%E0%A4%A',
    ]) {
      expect(resolveAppFile(root, url)).toBeNull()
    }
  })
})
