import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { TokenServiceAnswer } from '../../../shared/tokenServiceWire'
import type { AccessCodes } from './accessCodes'
import type { TokenMinter } from './genaiTokenMinter'
import type { LimitOutcome, RateLimits } from './rateLimits'

/**
 * One structured log record; never holds the key, an access code or a token. A `token` record
 * times the request (`ms`) and, within it, Google's `authTokens.create` (`upstreamMs`), both to 0.1 ms.
 */
export type LogRecord = Record<string, string | number | boolean | undefined>

export interface TokenServerOptions {
  host: string
  port: number
  accessCodes: AccessCodes
  minter: TokenMinter
  limits: RateLimits
  /** What the answers say was locked, and the organisation's policy. */
  model: string
  lockedFields: string[]
  autoUpdate: boolean
  /** Take the client address from the last `X-Forwarded-For` hop (behind a load balancer). */
  trustProxy?: boolean
  log?: (record: LogRecord) => void
}

/** Request bodies are optional and tiny; anything larger is refused with 413. */
export const MAX_BODY_BYTES = 4 * 1024
/** Larger header blocks are refused with 431 by Node's parser (`maxHeaderSize`). */
export const MAX_HEADER_BYTES = 8 * 1024

/**
 * The token service's HTTP front: `POST /token` with `Authorization: Bearer <access code>`
 * answers a {@link TokenServiceAnswer} (200), or `{error}` with 400 (malformed code or JSON),
 * 401 (missing or wrong code), 413 (body over 4 KiB), 429 (rate limit, with Retry-After),
 * 431 (headers over 8 KiB), 502 (Google refused) or 503 (shared limits unreachable).
 * `GET /healthz` answers 200 for load balancers. Every answer carries `Cache-Control: no-store`.
 */
export class TokenServer {
  private readonly http: Server
  private readonly sockets = new Set<Socket>()
  private readonly log: (record: LogRecord) => void

  constructor(private readonly options: TokenServerOptions) {
    this.log = options.log ?? ((record) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`))
    this.http = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.log({ event: 'request', status: 500, error: String((error as Error)?.message ?? error).slice(0, 200) })
        if (!res.headersSent) answer(res, 500, { error: 'Internal error.' })
        else res.destroy()
      })
    })
    this.http.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.http.on('clientError', (error: NodeJS.ErrnoException, socket) => refuseUnparsable(error, socket, this.log))
  }

  /** Waits for the limits' store, listens, and resolves with `http://HOST:PORT`. */
  async start(): Promise<string> {
    await this.options.limits.ready()
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject)
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject)
        resolve()
      })
    })
    return this.url
  }

  get url(): string {
    const address = this.http.address() as AddressInfo | null
    if (!address) throw new Error('TokenServer is not listening')
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return `http://${host}:${address.port}`
  }

  /** Stops accepting, ends open sockets and closes the limits' store. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    await closed
    await this.options.limits.close()
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]
    if (path === '/healthz') {
      req.resume()
      return req.method === 'GET' || req.method === 'HEAD' ? answer(res, 200, { ok: true }) : answer(res, 405, { error: 'Use GET.' }, { allow: 'GET, HEAD' })
    }
    if (path !== '/token') {
      req.resume()
      return answer(res, 404, { error: 'Not found. Ask for a token with POST /token.' })
    }
    if (req.method !== 'POST') {
      req.resume()
      return answer(res, 405, { error: 'Use POST.' }, { allow: 'POST' })
    }
    await this.mintFor(req, res)
  }

  private async mintFor(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const done = (status: number, body: object, fields: LogRecord = {}, headers: Record<string, string> = {}) => {
      answer(res, status, body, headers)
      this.log({ event: 'token', status, ms: elapsed(started), ...fields })
    }
    const access = this.options.accessCodes.check(req.headers.authorization)
    if (access.kind !== 'granted') {
      req.resume()
      const limited = await this.options.limits.failedAuth(this.clientAddress(req))
      if (limited.kind === 'limited') return done(429, { error: 'Too many failed attempts; try again later.' }, {}, { 'retry-after': String(limited.retryAfterSeconds) })
      if (access.kind === 'malformed') return done(400, { error: 'The Authorization header must be "Bearer <access code>" with printable characters only.' })
      return done(401, { error: access.kind === 'missing' ? 'An access code is required.' : 'This access code is not accepted.' }, {}, { 'www-authenticate': 'Bearer' })
    }
    const body = await readBody(req)
    if (body.kind === 'too-large') return done(413, { error: `The request body is over ${MAX_BODY_BYTES} bytes.` }, { code: access.codeId }, { connection: 'close' })
    if (body.kind === 'aborted') return
    if (body.text.trim() !== '' && !isJsonObject(body.text)) return done(400, { error: 'The request body must be empty or one JSON object.' }, { code: access.codeId })
    const outcome: LimitOutcome = await this.options.limits.mint(access.codeId)
    if (outcome.kind === 'limited') return done(429, { error: 'Too many tokens asked for with this access code; try again later.' }, { code: access.codeId }, { 'retry-after': String(outcome.retryAfterSeconds) })
    if (outcome.kind === 'unavailable') return done(503, { error: 'The rate-limit store is unavailable; try again shortly.' }, { code: access.codeId }, { 'retry-after': '5' })
    let token
    const mintStarted = performance.now()
    try {
      token = await this.options.minter.mint()
    } catch (error) {
      return done(502, { error: 'Google did not issue a token; try again shortly.' }, { code: access.codeId, upstream: (error as Error).message, upstreamMs: elapsed(mintStarted) })
    }
    const answerBody: TokenServiceAnswer = {
      name: token.name,
      expireTime: token.expireTime,
      newSessionExpireTime: token.newSessionExpireTime,
      apiVersion: 'v1alpha',
      constraints: { model: this.options.model, lockedFields: this.options.lockedFields },
      policy: { autoUpdate: this.options.autoUpdate },
    }
    done(200, answerBody, { code: access.codeId, expireTime: token.expireTime, upstreamMs: elapsed(mintStarted) })
  }

  private clientAddress(req: IncomingMessage): string {
    const forwarded = req.headers['x-forwarded-for']
    if (this.options.trustProxy && typeof forwarded === 'string') {
      const last = forwarded.split(',').map((hop) => hop.trim()).filter(Boolean).at(-1)
      if (last) return last
    }
    return req.socket.remoteAddress ?? 'unknown'
  }
}

/** Milliseconds since `started` (a `performance.now()` reading), to 0.1 ms. */
function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'cache-control': 'no-store',
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }

/** Answers what Node's parser could not parse (header floods, garbage) and closes the socket. */
function refuseUnparsable(error: NodeJS.ErrnoException, socket: NodeJS.WritableStream & { writable: boolean; destroy(): void }, log: (record: LogRecord) => void): void {
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  log({ event: 'refused', status, parser: error.code })
  if (!socket.writable) return socket.destroy()
  const body = JSON.stringify({ error: status === 431 ? `Request headers are over ${MAX_HEADER_BYTES} bytes.` : 'The request could not be parsed.' })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nCache-Control: no-store\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' }

function readBody(req: IncomingMessage): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) return Promise.resolve({ kind: 'too-large' })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.pause()
        resolve({ kind: 'too-large' })
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }))
    req.on('aborted', () => resolve({ kind: 'aborted' }))
    req.on('error', () => resolve({ kind: 'aborted' }))
  })
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}
