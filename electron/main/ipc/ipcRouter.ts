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
export function isCodedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

interface Route {
  method: string
  schema: z.ZodType
  maxPerSecond?: number
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

  constructor(
    private readonly handlers: IpcHandlers,
    private readonly isTrustedSender: (sender: IpcSender) => boolean,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    for (const [method, entry] of Object.entries(contract.invoke)) {
      this.invokeRoutes.set(entry.channel, { method, schema: entry.request })
    }
    for (const [method, entry] of Object.entries(contract.send)) {
      this.sendRoutes.set(entry.channel, { method, schema: entry.payload, maxPerSecond: entry.maxPerSecond })
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
    try {
      const handler = this.handlers.invoke[route.method as InvokeMethod] as (request: unknown) => unknown
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      this.rejections.handlerFailed++
      if (isCodedError(error)) return { ok: false, error: { code: error.code, message: error.message } }
      this.logger.error('ipc handler failed', { channel, error: String(error) })
      return { ok: false, error: { code: 'INTERNAL', message: 'Sightline could not do that. The details are in the log.' } }
    }
  }

  /** Delivers one fire-and-forget message; a bad one is dropped and counted. */
  send(channel: unknown, sender: IpcSender, payload: unknown): void {
    const route = typeof channel === 'string' ? this.sendRoutes.get(channel) : undefined
    if (!route) return void this.reject('unknownChannel', channel)
    if (!this.isTrusted(sender)) return void this.reject('foreignSender', channel)
    if (route.maxPerSecond !== undefined && !this.withinRate(`${sender.id}:${route.method}`, route.maxPerSecond)) {
      return void this.reject('rateLimited', channel)
    }
    // Media payloads have shallow schemas (instanceof and byte-length checks), so this stays cheap.
    const parsed = route.schema.safeParse(payload)
    if (!parsed.success) return void this.reject('badPayload', channel, { code: 'BAD_PAYLOAD', message: describeIssues(parsed.error) })
    try {
      const handler = this.handlers.send[route.method as SendMethod] as (payload: unknown) => void
      handler(parsed.data)
    } catch (error) {
      this.rejections.handlerFailed++
      this.logger.error('ipc send handler failed', { channel, error: String(error) })
    }
  }

  /** Total messages refused so far, for the fuzz summary and diagnostics. */
  get rejectedCount(): number {
    return Object.values(this.rejections).reduce((a, b) => a + b, 0)
  }

  private isTrusted(sender: IpcSender): boolean {
    try {
      return this.isTrustedSender(sender)
    } catch {
      return false
    }
  }

  private withinRate(key: string, maxPerSecond: number): boolean {
    const now = this.now()
    const window = this.rateWindows.get(key)
    if (!window || now - window.windowStart >= 1_000) {
      this.rateWindows.set(key, { windowStart: now, count: 1 })
      return true
    }
    window.count++
    return window.count <= maxPerSecond
  }

  private reject(reason: RejectionReason, channel: unknown, error?: IpcError): { ok: false; error: IpcError } {
    this.rejections[reason]++
    this.logger.warn('ipc message refused', { reason, channel: typeof channel === 'string' ? channel.slice(0, 60) : typeof channel })
    return { ok: false, error: error ?? { code: reason, message: reason } }
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
