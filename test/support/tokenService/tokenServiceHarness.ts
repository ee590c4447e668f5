import { connect } from 'node:net'
import { AccessCodes } from '../../../services/token-service/src/accessCodes'
import { GenaiTokenMinter } from '../../../services/token-service/src/genaiTokenMinter'
import { createRateLimits } from '../../../services/token-service/src/rateLimits'
import { TokenServer, type LogRecord } from '../../../services/token-service/src/tokenServer'

// Key-shaped, built from parts so no key-shaped literal sits in the repository (as in closeCodes.test.ts).
export const ORG_KEY = ['org-key-AIza', 'SyD3adb33fD3adb33fD3adb33fD3adb33f0'].join('')
export const CODE_A = 'team-code-alpha-7f3k'
export const CODE_B = 'team-code-bravo-9q2m'

export interface HarnessOptions {
  baseUrl: string
  rateLimit?: number
  redisUrl?: string
  liveConfig?: Record<string, unknown>
  model?: string
  apiKey?: string
  now?: () => number
  tokenTtlSeconds?: number
  upstreamTimeoutMs?: number
}

/** A token service instance wired as main.ts wires it, logging into `logs`. */
export async function startTokenService(options: HarnessOptions, logs: LogRecord[] = []): Promise<{ url: string; server: TokenServer; logs: LogRecord[] }> {
  const model = options.model ?? 'gemini-3.8-live'
  const liveConfig = options.liveConfig ?? {}
  const server = new TokenServer({
    host: '127.0.0.1',
    port: 0,
    accessCodes: new AccessCodes([CODE_A, CODE_B]),
    minter: new GenaiTokenMinter({
      apiKey: options.apiKey ?? ORG_KEY,
      baseUrl: options.baseUrl,
      model,
      liveConfig,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
      ...(options.now && { now: options.now }),
      ...(options.upstreamTimeoutMs && { upstreamTimeoutMs: options.upstreamTimeoutMs }),
    }),
    limits: createRateLimits({ mintsPerWindow: options.rateLimit ?? 100, failedAuthsPerWindow: 50, windowSeconds: 60, ...(options.redisUrl && { redisUrl: options.redisUrl }) }),
    model,
    lockedFields: ['model', ...Object.keys(liveConfig)],
    autoUpdate: true,
    log: (record) => void logs.push(record),
  })
  return { url: await server.start(), server, logs }
}

/** `POST /token` with an access code (or none). */
export function askToken(url: string, code?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}/token`, { method: 'POST', ...init, headers: { ...(code !== undefined && { authorization: `Bearer ${code}` }), ...(init.headers as Record<string, string>) } })
}

/** Writes raw bytes to the service and resolves with everything it answered before closing. */
export function rawRequest(url: string, request: string | Buffer): Promise<string> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.on('error', (error) => (chunks.length > 0 ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(error)))
    socket.write(request)
  })
}
