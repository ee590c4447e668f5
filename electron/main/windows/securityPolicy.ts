import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The security decisions of the window layer, as plain functions so they are tested without
 * Electron. `windowGuards.ts` and `appProtocol.ts` only apply them.
 */

/** The renderer is served from this privileged custom scheme, never from a remote URL. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'sightline'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * The page's Content-Security-Policy. Kept identical to the meta tag in renderer/index.html (a
 * test compares them) and also sent as a header by the protocol handler and the harness.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ')

/**
 * The policy as a response header: the page's policy plus `frame-ancestors 'none'`, which only
 * a header can carry (a meta tag ignores it), so no other page can frame ours.
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** Whether a message or permission request comes from our own page: our origin, top frame only. */
export function isOwnTopFrame(sender: { origin: string; isTopFrame: boolean }, trustedOrigins: readonly string[]): boolean {
  return sender.isTopFrame && trustedOrigins.includes(sender.origin)
}

export interface PermissionRequest {
  permission: string
  requestingOrigin: string
  isMainFrame: boolean
  /** For `media`: which kinds of device the page asked for. */
  mediaTypes?: readonly string[]
}

/**
 * Deny by default. Our own top frame may use the microphone and display capture (screen
 * sharing through setDisplayMediaRequestHandler); nothing else, and no camera.
 */
export function isPermissionAllowed(request: PermissionRequest, trustedOrigins: readonly string[]): boolean {
  if (!request.isMainFrame || !trustedOrigins.includes(originOf(request.requestingOrigin))) return false
  if (request.permission === 'display-capture') return true
  if (request.permission === 'media') {
    const types = request.mediaTypes ?? []
    return types.length > 0 && types.every((t) => t === 'audio')
  }
  return false
}

/** The window never navigates away from our page; reloads of our own origin are the only exception. */
export function isNavigationAllowed(raw: string, trustedOrigins: readonly string[]): boolean {
  return trustedOrigins.includes(originOf(raw))
}

/**
 * Maps an app:// URL to a file inside the renderer folder, or null when it would leave it
 * (`..`, encoded separators, absolute paths) or names another host.
 */
export function resolveAppFile(rendererRoot: string, raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = resolve(rendererRoot)
  const file = resolve(root, wanted)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null
  return file
}

function originOf(raw: string): string {
  try {
    const url = new URL(raw)
    // Custom schemes report origin "null" in WHATWG URL; rebuild it from scheme and host.
    return url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin
  } catch {
    return ''
  }
}
