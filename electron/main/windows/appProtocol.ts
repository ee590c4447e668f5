import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { contentTypeFor } from './contentTypes'
import { APP_SCHEME, CONTENT_SECURITY_POLICY_HEADER, resolveAppFile } from './securityPolicy'

/** Must run before `app.ready`: makes app:// a secure, standard origin so CSP 'self' and the sender check mean something. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer from disk under app://sightline/, with the CSP as a header too. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererRoot, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': CONTENT_SECURITY_POLICY_HEADER,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
        },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
