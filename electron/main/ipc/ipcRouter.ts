import type { z } from 'zod'
import {
  contract,
  type IpcError,
  type IpcResult,
  type InvokeMethod,
  type InvokeResponse,
  type SendMethod,
} from '../../../shared/ipcContract'
import type { Logger } from '../core/ports'
import { RefusalLog } from './refusalLog'

export { REFUSAL_LOG_WINDOW_MS } from './refusalLog'

type Contract = typeof contract

/** Who sent a message, as far as the transport can tell. */
export interface IpcSender {
  /** A stable id for rate limiting (webContents id, WebSocket connection id). */
  id: string
  origin: string
  isTopFrame: boolean
}

/** The main side of every contract entry, with payloads already parsed. */
export interface IpcHandlers {
  invoke: {
    [M in InvokeMethod]: (
      request: z.output<Contract['invoke'][M]['request']>,
    ) => Promise<InvokeResponse<M>> | InvokeResponse<M>
  }
  send: { [M in SendMethod]: (payload: z.output<Contract['send'][M]['payload']>) => void }
}

export type RejectionReason = 'foreignSender' | 'badPayload' | 'unknownChannel' | 'rateLimited' | 'handlerFailed'

/** Errors a handler throws on purpose carry a code the UI understands; anything else is reported as INTERNAL. */
/** Params as the contract allows them: strings and numbers only, so nothing else can ride along to the page. */
function isErrorParams(value: unknown): value is Record<string, string | number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const entries = Object.entries(value)
  return entries.length > 0 && entries.every(([, v]) => typeof v === 'string' || typeof v === 'number')
}

export function isCodedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

interface Route {
  method: string
  schema: z.ZodType
  maxPerSecond?: number
  maxBytesPerSecond?: number
  invokeLimit?: InvokeLimit
}

/** How often one invoke channel may be called: per sender per window, and (optionally) at once across all senders. */
export interface InvokeLimit {
  maxPerWindow: number
  windowMs: number
  /** Calls of this channel running at the same time, from any sender (a reconnecting page gets a new sender id). */
  maxInFlight?: number
}

/** Every invoke channel's limit unless {@link INVOKE_LIMITS} names a stricter one: far above what a person clicks. */
export const DEFAULT_INVOKE_LIMIT: InvokeLimit = { maxPerWindow: 50, windowMs: 1_000 }

/**
 * Channels whose handler is expensive or acts outside the app. `key:set` opens a Live connection
 * to check the key: 100 calls opened 100 connections (issue 19). Now one check runs at a time,
 * and a sender gets three a minute.
 */
export const INVOKE_LIMITS: Partial<Record<InvokeMethod, InvokeLimit>> = {
  setApiKey: { maxPerWindow: 3, windowMs: 60_000, maxInFlight: 1 },
  removeApiKey: { maxPerWindow: 3, windowMs: 10_000 },
  startSession: { maxPerWindow: 5, windowMs: 1_000 },
  openLink: { maxPerWindow: 3, windowMs: 1_000 },
  updateSettings: { maxPerWindow: 20, windowMs: 1_000 },
}

/**
 * Binds the contract to handlers, independent of the carrier (ipcMain or the test WebSocket).
 * Every message is sender-checked and parsed; a bad one gets an error answer (invoke) or is
 * dropped (send), and is counted. Nothing thrown here or in a handler escapes to the carrier.
 */
export class IpcRouter {
  readonly rejections: Record<RejectionReason, number> = {
    foreignSender: 0,
    badPayload: 0,
    unknownChannel: 0,
    rateLimited: 0,
    handlerFailed: 0,
  }

  private readonly invokeRoutes = new Map<string, Route>()
  private readonly sendRoutes = new Map<string, Route>()
  private readonly rateWindows = new Map<string, { windowStart: number; count: number }>()
  private readonly inFlight = new Map<string, number>()
  private readonly refusals: RefusalLog

  constructor(
    private readonly handlers: IpcHandlers,
    private readonly isTrustedSender: (sender: IpcSender) => boolean,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.refusals = new RefusalLog(logger, { first: 'ipc message refused', summary: 'ipc messages refused' })
    for (const [method, entry] of Object.entries(contract.invoke)) {
      this.invokeRoutes.set(entry.channel, {
        method,
        schema: entry.request,
        invokeLimit: INVOKE_LIMITS[method as InvokeMethod] ?? DEFAULT_INVOKE_LIMIT,
      })
    }
    for (const [method, entry] of Object.entries(contract.send)) {
      this.sendRoutes.set(entry.channel, {
        method,
        schema: entry.payload,
        maxPerSecond: entry.maxPerSecond,
        maxBytesPerSecond: 'maxBytesPerSecond' in entry ? entry.maxBytesPerSecond : undefined,
      })
    }
  }

  /** Answers one invoke; always resolves, never rejects. */
  async invoke(channel: unknown, sender: IpcSender, payload: unknown): Promise<IpcResult<unknown>> {
    const route = typeof channel === 'string' ? this.invokeRoutes.get(channel) : undefined
    if (!route) return this.reject('unknownChannel', channel, { code: 'UNKNOWN_CHANNEL', message: 'No such request.' })
    if (!this.isTrusted(sender)) {
      return this.reject('foreignSender', channel, { code: 'FORBIDDEN_SENDER', message: 'This sender may not call Sightline.' })
    }
    const parsed = route.schema.safeParse(payload)
    if (!parsed.success) {
      return this.reject('badPayload', channel, { code: 'BAD_PAYLOAD', message: describeIssues(parsed.error) })
    }
    // Limited after parsing (invoke payloads are small), so only calls that would run are counted.
    const limit = route.invokeLimit ?? DEFAULT_INVOKE_LIMIT
    const running = this.inFlight.get(route.method) ?? 0
    if (limit.maxInFlight !== undefined && running >= limit.maxInFlight) {
      return this.reject('rateLimited', channel, { code: 'REQUEST_RUNNING', message: `${route.method}: ${running} already running, at most ${limit.maxInFlight} at once` })
    }
    const rateKey = `${sender.id}:${route.method}`
    if (!this.withinRate(rateKey, limit.maxPerWindow, limit.windowMs)) {
      // Code and numbers; the page words them ("at most 3 every 60 s from this window; try again in 42 s").
      const params = { max: limit.maxPerWindow, windowSeconds: Math.ceil(limit.windowMs / 1_000), waitSeconds: this.secondsLeft(rateKey, limit.windowMs) }
      return this.reject('rateLimited', channel, { code: 'RATE_LIMITED', message: `${route.method}: more than ${params.max} in ${params.windowSeconds} s`, params })
    }
    this.inFlight.set(route.method, running + 1)
    try {
      const handler = this.handlers.invoke[route.method as InvokeMethod] as (request: unknown) => unknown
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      this.rejections.handlerFailed++
      if (isCodedError(error)) {
        const params = (error as { params?: unknown }).params
        return { ok: false, error: { code: error.code, message: error.message, ...(isErrorParams(params) ? { params } : {}) } }
      }
      this.logger.error('ipc handler failed', { channel, error })
      return { ok: false, error: { code: 'INTERNAL', message: 'Sightline could not do that. The details are in the log.' } }
    } finally {
      this.inFlight.set(route.method, (this.inFlight.get(route.method) ?? 1) - 1)
    }
  }

  /** Delivers one fire-and-forget message; a bad one is dropped and counted. */
  send(channel: unknown, sender: IpcSender, payload: unknown): void {
    const route = typeof channel === 'string' ? this.sendRoutes.get(channel) : undefined
    if (!route) return void this.reject('unknownChannel', channel)
    if (!this.isTrusted(sender)) return void this.reject('foreignSender', channel)
    if (route.maxPerSecond !== undefined && !this.withinRate(`${sender.id}:${route.method}`, route.maxPerSecond, 1_000)) {
      return void this.reject('rateLimited', channel)
    }
    // Media payloads have shallow schemas (instanceof and byte-length checks), so this stays cheap.
    const parsed = route.schema.safeParse(payload)
    if (!parsed.success) return void this.reject('badPayload', channel, { code: 'BAD_PAYLOAD', message: describeIssues(parsed.error) })
    if (
      route.maxBytesPerSecond !== undefined &&
      !this.withinRate(`${sender.id}:${route.method}:bytes`, route.maxBytesPerSecond, 1_000, payloadBytes(parsed.data))
    ) {
      return void this.reject('rateLimited', channel)
    }
    try {
      const handler = this.handlers.send[route.method as SendMethod] as (payload: unknown) => void
      handler(parsed.data)
    } catch (error) {
      this.rejections.handlerFailed++
      this.logger.error('ipc send handler failed', { channel, error })
    }
  }

  private isTrusted(sender: IpcSender): boolean {
    try {
      return this.isTrustedSender(sender)
    } catch {
      return false
    }
  }

  /** Adds `amount` (1 message, or its bytes) to a fixed window; false once the window's total passes `max`. Refused amounts count too. */
  private withinRate(key: string, max: number, windowMs: number, amount = 1): boolean {
    const now = this.now()
    const window = this.rateWindows.get(key)
    if (!window || now - window.windowStart >= windowMs) {
      this.rateWindows.set(key, { windowStart: now, count: amount })
      return amount <= max
    }
    window.count += amount
    return window.count <= max
  }

  /** Whole seconds (at least 1) until the fixed window under `key` ends and its count starts again. */
  private secondsLeft(key: string, windowMs: number): number {
    const window = this.rateWindows.get(key)
    const leftMs = window ? window.windowStart + windowMs - this.now() : windowMs
    return Math.max(1, Math.ceil(leftMs / 1_000))
  }

  /** Counts a refusal and logs it through {@link RefusalLog} (one line, then a summary per kind and channel). */
  private reject(reason: RejectionReason, channel: unknown, error?: IpcError): { ok: false; error: IpcError } {
    this.rejections[reason]++
    const name = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel
    this.refusals.note(`${reason} ${name}`, { reason, channel: name })
    return { ok: false, error: error ?? { code: reason, message: reason } }
  }
}

/** A send payload's size in bytes: the bytes themselves (audio) or a frame's `data`; 0 for anything else. */
function payloadBytes(payload: unknown): number {
  if (ArrayBuffer.isView(payload)) return payload.byteLength
  const data = (payload as { data?: unknown } | null)?.data
  return ArrayBuffer.isView(data) ? data.byteLength : 0
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
