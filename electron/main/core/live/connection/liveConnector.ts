import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Settings } from '../../../../../shared/settings'
import type { Clock, LiveConnection, LiveTransport, LiveTransportCallbacks, Logger, TimerHandle } from '../../ports'
import { buildLiveConfig } from './liveConfig'
import { LiveTransportError } from '../liveErrors'
import type { FunctionDeclaration, LiveServerMessage } from '../liveTypes'

/** One connection the session may use: its number and the socket. */
export interface OpenConnection {
  generation: number
  connection: LiveConnection
}

/** What the session wants from one connect. */
export interface ConnectPlan {
  apiKey: string
  settings: Settings
  model: LiveModel
  handle?: string
  functionDeclarations: readonly FunctionDeclaration[]
  /** A seed will follow as initial history (models that take history only through `historyConfig`). */
  seedsInitialHistory?: boolean
}

/**
 * Opens numbered connections and forgets old ones: only the newest generation's messages and
 * closes reach the session, so a late close from a socket we already left cannot start a
 * second reconnect. Also keeps the connect deadline and lets the session wait for a close.
 */
export class LiveConnector {
  private generation = 0
  private readonly closeWaiters = new Map<number, () => void>()

  constructor(
    private readonly deps: { transport: LiveTransport; clock: Clock; logger: Logger; connectTimeoutMs: number },
    private readonly handlers: { onMessage(message: LiveServerMessage): void; onClose(code: number, reason: string): void },
  ) {}

  /** Makes every connection opened so far stale (its callbacks are ignored from now on). */
  retireAll(): void {
    this.generation++
  }

  isCurrent(generation: number): boolean {
    return generation === this.generation
  }

  /** Connects; resolves with the open connection or rejects with a {@link LiveTransportError}. */
  async open(plan: ConnectPlan): Promise<OpenConnection> {
    const { config, apiVersion } = buildLiveConfig(plan.settings, plan.model, plan.handle, {
      functionDeclarations: plan.functionDeclarations,
      seedsInitialHistory: plan.seedsInitialHistory,
    })
    const generation = ++this.generation
    const callbacks: LiveTransportCallbacks = {
      onMessage: (message) => {
        if (this.isCurrent(generation)) this.handlers.onMessage(message)
      },
      onClose: (code, reason) => {
        this.closeWaiters.get(generation)?.()
        if (this.isCurrent(generation)) this.handlers.onClose(code, reason)
      },
      onError: (message) => this.deps.logger.warn('live connection reported an error', { generation, message }),
    }
    const attempt = this.deps.transport.connect({ apiKey: plan.apiKey, model: plan.model.id, apiVersion, config }, callbacks)
    let timer: TimerHandle | null = null
    const deadline = new Promise<never>((_, reject) => {
      timer = this.deps.clock.setTimeout(
        () => reject(new LiveTransportError(null, `no setupComplete within ${this.deps.connectTimeoutMs} ms`)),
        this.deps.connectTimeoutMs,
      )
    })
    try {
      const connection = await Promise.race([attempt, deadline])
      if (!this.isCurrent(generation)) {
        connection.close()
        throw new LiveTransportError(null, 'connection superseded')
      }
      return { generation, connection }
    } catch (error) {
      if (this.isCurrent(generation)) this.generation++
      // A connect that finishes after its deadline is closed at once and never used.
      attempt.then((late) => late.close(), () => {})
      throw error instanceof LiveTransportError ? error : new LiveTransportError(null, error instanceof Error ? error.message : String(error), { cause: error })
    } finally {
      if (timer) this.deps.clock.clearTimeout(timer)
    }
  }

  /** Closes a connection and waits (at most `waitMs`) until its close has been seen. */
  async closeAndWait(open: OpenConnection, waitMs: number): Promise<void> {
    let timer: TimerHandle | null = null
    const closed = new Promise<void>((resolve) => {
      this.closeWaiters.set(open.generation, resolve)
      timer = this.deps.clock.setTimeout(resolve, waitMs)
    })
    open.connection.close()
    await closed
    if (timer) this.deps.clock.clearTimeout(timer)
    this.closeWaiters.delete(open.generation)
  }
}
