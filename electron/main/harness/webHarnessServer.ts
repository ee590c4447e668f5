import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { contentTypeFor } from '../windows/contentTypes'
import { CONTENT_SECURITY_POLICY } from '../windows/securityPolicy'
import { resolveHarnessFile } from './resolveHarnessFile'
import type { WebSocketIpcServer } from '../ipc/webSocketIpcServer'

const COOKIE = 'sightline_harness'
const BRIDGE_SCRIPT_PATH = '/__harness/bridge.js'
const BRIDGE_SOCKET_PATH = '/__harness/bridge'

export interface WebHarnessServerOptions {
  rendererDir: string
  bridgeScriptFile: string
  bridge: WebSocketIpcServer
  port?: number
  /** Random per run unless given (tests pass their own). */
  token?: string
}

export interface WebHarnessServer {
  /** Open this once: it carries the token, which becomes an HttpOnly cookie. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

/**
 * Serves the built renderer on 127.0.0.1 with the WebSocket bridge injected in place of the
 * preload. Loopback only; every request needs the per-run token (query once, then cookie), and
 * the bridge socket also needs our own Origin, so another local page cannot drive it.
 */
export async function startWebHarnessServer(options: WebHarnessServerOptions): Promise<WebHarnessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let origin = ''
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin)
    if (url.searchParams.get('token') === token) {
      url.searchParams.delete('token')
      res.writeHead(303, {
        location: url.pathname + url.search + url.hash,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      })
      return res.end()
    }
    if (!hasToken(req, token)) {
      res.writeHead(403, { 'content-type': 'text/plain' })
      return res.end('Open the URL printed by `npm run dev:web` (it carries the per-run token).')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405)
      return res.end()
    }
    const file = url.pathname === BRIDGE_SCRIPT_PATH ? options.bridgeScriptFile : resolveHarnessFile(options.rendererDir, url.pathname)
    if (!file) {
      res.writeHead(404)
      return res.end()
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      res.writeHead(404)
      return res.end()
    }
    if (file === resolve(options.rendererDir, 'index.html')) body = Buffer.from(injectBridge(body.toString('utf8')))
    res.writeHead(200, {
      'content-type': contentTypeFor(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0]
    if (path !== BRIDGE_SOCKET_PATH || !hasToken(req, token) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    options.bridge.accept(req, socket, head)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      await options.bridge.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The bridge is a classic script before the app's module script, so `window.sightline` exists first. */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`
  const at = html.indexOf('<script')
  return at === -1 ? html.replace('</head>', `${tag}</head>`) : html.slice(0, at) + tag + html.slice(at)
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const cookies = req.headers.cookie ?? ''
  const match = cookies.split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`))
  if (!match) return false
  const given = Buffer.from(match.slice(COOKIE.length + 1))
  const wanted = Buffer.from(token)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}
