import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { contentTypeFor } from '../windows/contentTypes'
import { CONTENT_SECURITY_POLICY_HEADER } from '../windows/securityPolicy'
import { resolveHarnessFile } from './resolveHarnessFile'
import type { WebSocketIpcServer } from '../ipc/webSocketIpcServer'
import { BRIDGE_PROTOCOL, BRIDGE_SOCKET_PATH, TOKEN_PROTOCOL_PREFIX } from '../../../shared/harnessBridge'

const BRIDGE_SCRIPT_PATH = '/__harness/bridge.js'

/** Sent with every answer: never framed (clickjacking), never sniffed, never cached, no Referer out. */
const HARDENING_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const

export interface WebHarnessServerOptions {
  rendererDir: string
  bridgeScriptFile: string
  bridge: WebSocketIpcServer
  port?: number
  /** Random per run unless given (tests pass their own). */
  token?: string
}

export interface WebHarnessServer {
  /** Open this: the token rides in the fragment, which the browser never sends to any server. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

/**
 * Serves the built renderer on 127.0.0.1 with the WebSocket bridge injected in place of the
 * preload. Loopback only, and only under its own Host name (so a DNS-rebound name gets nothing).
 * The page itself is public build output; the bridge is what matters, and it opens only for our
 * Origin presenting the per-run token as a WebSocket subprotocol. The token is never a cookie:
 * cookies ignore ports, so any other local server would receive it (issue 19).
 */
export async function startWebHarnessServer(options: WebHarnessServerOptions): Promise<WebHarnessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let origin = ''
  let host = ''
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, HARDENING_HEADERS)
      res.end()
    })
  })

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.host !== host) {
      res.writeHead(421, { ...HARDENING_HEADERS, 'content-type': 'text/plain' })
      return res.end(`This harness answers only as ${host}.`)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, HARDENING_HEADERS)
      return res.end()
    }
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname === '/favicon.ico') {
      // Browsers ask for it on their own (the app's pages name none); a 404 would reach the page's console as an error.
      res.writeHead(204, HARDENING_HEADERS)
      return res.end()
    }
    const file = url.pathname === BRIDGE_SCRIPT_PATH ? options.bridgeScriptFile : resolveHarnessFile(options.rendererDir, url.pathname)
    if (!file) {
      res.writeHead(404, HARDENING_HEADERS)
      return res.end()
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      res.writeHead(404, HARDENING_HEADERS)
      return res.end()
    }
    if (file === resolve(options.rendererDir, 'index.html')) body = Buffer.from(injectBridge(body.toString('utf8')))
    res.writeHead(200, {
      ...HARDENING_HEADERS,
      'content-type': contentTypeFor(file),
      'content-security-policy': CONTENT_SECURITY_POLICY_HEADER,
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0]
    const allowed =
      path === BRIDGE_SOCKET_PATH && req.headers.host === host && req.headers.origin === origin && presentsToken(req, token)
    if (!allowed) {
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
  host = `127.0.0.1:${port}`
  origin = `http://${host}`
  return {
    url: `${origin}/#token=${token}`,
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

/** Whether the upgrade offers our bridge protocol and `<prefix><token>` among its subprotocols, compared in constant time. */
function presentsToken(req: IncomingMessage, token: string): boolean {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  if (!offered.includes(BRIDGE_PROTOCOL)) return false
  const given = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
  if (!given) return false
  const a = Buffer.from(given.slice(TOKEN_PROTOCOL_PREFIX.length))
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
