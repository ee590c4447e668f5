import type { AppError } from '../../../../shared/ipcContract'
import type { LiveModel } from '../../../../shared/modelCatalogue'
import type { Settings } from '../../../../shared/settings'
import type { Clock, Logger, TimerHandle } from '../ports'
import { redactSecrets } from '../redact'
import { CancellableSleep } from './cancellableSleep'
import { classifyClose, connectionLostError } from './closeCodes'
import type { OpenConnection } from './liveConnector'
import { ReconnectPolicy } from './reconnectPolicy'
import type { ResumptionState } from './resumptionState'
import type { SessionDialer } from './sessionDialer'

/** What one dial needs, read fresh before every attempt (settings may change while retrying). */
export interface DialRequest {
  apiKey: string
  settings: Settings
  model: LiveModel
}

/** What the loop tells the session; every call is made only while the loop's epoch is current. */
export interface RecoveryHost {
  isCurrent(epoch: number): boolean
  dialRequest(): DialRequest
  /** A connection is up: show live, resumed or not, with a note for the user (or null). */
  onOpen(open: OpenConnection, isResumed: boolean, note: string | null): void
  /** An attempt failed and another will follow. */
  onRetrying(detail: string): void
  /** No retry can help (key, model, quota…): the session ends in error. */
  onFatal(error: AppError): void
  /** The reconnect budget is spent: the user is told, and quiet retries go on until the network is back. */
  onGaveUp(error: AppError): void
}

/** Notes for a run: what to tell the user when it resumes, or when it starts fresh from a kept conversation. */
export interface RecoveryNotes {
  resumed?: string | null
  fresh?: string | null
}

const RESUME_REFUSED = 'The conversation could not be resumed, so a new one started with a summary of it.'

/**
 * Connects the session (resuming while the handle is usable): a quick first try, then jittered
 * backoff inside a budget. When the budget is spent the user is told, and the loop keeps trying
 * quietly every `networkRetryMs`, so the session comes back by itself when the network does;
 * a wake or "back online" ({@link hurry}) tries again at once.
 */
export class RecoveryLoop {
  private readonly policy: ReconnectPolicy
  private readonly sleeper: CancellableSleep
  private networkTimer: TimerHandle | null = null
  private waiting: { epoch: number; notes: RecoveryNotes } | null = null

  constructor(
    private readonly deps: {
      clock: Clock
      logger: Logger
      resumption: ResumptionState
      dialer: SessionDialer
      host: RecoveryHost
      limits: { firstRetryDelayMs: number; maxRetryDelayMs: number; retryBudgetMs: number; networkRetryMs: number }
      random?: () => number
    },
  ) {
    const { limits } = deps
    this.policy = new ReconnectPolicy(
      { firstDelayMs: limits.firstRetryDelayMs, maxDelayMs: limits.maxRetryDelayMs, budgetMs: limits.retryBudgetMs },
      deps.random,
    )
    this.sleeper = new CancellableSleep(deps.clock)
  }

  /** True after the budget was spent, while quiet retries wait for the network. */
  get isWaitingForNetwork(): boolean {
    return this.waiting !== null
  }

  /** Runs detached; `onFirstAttempt` fires after the first attempt settles (or when the run gives up). */
  launch(epoch: number, notes: RecoveryNotes = {}, onFirstAttempt: () => void = () => {}, isQuiet = false): void {
    this.run(epoch, notes, onFirstAttempt, isQuiet).catch((error: unknown) => {
      this.deps.logger.error('reconnect loop failed', { error })
      onFirstAttempt()
      if (this.deps.host.isCurrent(epoch)) {
        this.deps.host.onFatal({ code: 'INTERNAL', message: 'The session stopped after an internal error.', action: 'Press Start to begin again.' })
      }
    })
  }

  /**
   * The network may be back (wake, unlock, online): cut a backoff wait short with a fresh budget,
   * or leave the quiet wait and reconnect now. Returns the epoch of a run to start, or null.
   */
  hurry(): { epoch: number; notes: RecoveryNotes } | null {
    if (this.sleeper.isSleeping) {
      this.policy.begin(this.deps.clock.now())
      this.sleeper.wakeNow()
      return null
    }
    const waiting = this.waiting
    this.cancel()
    return waiting
  }

  /** Stops waiting (stop, suspend, a new start); a dial in flight is abandoned by the epoch check. */
  cancel(): void {
    this.sleeper.cancel()
    if (this.networkTimer) this.deps.clock.clearTimeout(this.networkTimer)
    this.networkTimer = null
    this.waiting = null
  }

  private async run(epoch: number, notes: RecoveryNotes, onFirstAttempt: () => void, isQuiet: boolean): Promise<void> {
    const { clock, resumption, dialer, host, logger } = this.deps
    const now = () => clock.now()
    this.policy.begin(now())
    let fresh = resumption.freshStartNote(now(), host.dialRequest().model.id) ?? notes.fresh ?? null
    let lastFailure = 'no attempt made'
    try {
      for (;;) {
        const delay = isQuiet && this.policy.attempts > 0 ? null : this.policy.nextDelay(now())
        if (delay === null) return this.waitForNetwork(epoch, notes, lastFailure, isQuiet)
        if (delay > 0 && !(await this.sleeper.sleep(delay))) return
        if (!host.isCurrent(epoch)) return
        const outcome = await dialer.dial(host.dialRequest(), () => host.isCurrent(epoch))
        onFirstAttempt()
        if (outcome.kind === 'abandoned' || !host.isCurrent(epoch)) return
        if (outcome.kind === 'open') return host.onOpen(outcome.open, outcome.isResumed, outcome.isResumed ? (notes.resumed ?? null) : fresh)
        const { failure, offeredHandle } = outcome
        const verdict = classifyClose(failure.closeCode, failure.reason)
        lastFailure = redactSecrets(failure.message, [host.dialRequest().apiKey])
        logger.warn('live connect failed', { closeCode: failure.closeCode, reason: lastFailure, resuming: offeredHandle })
        if (offeredHandle && failure.closeCode !== null && (verdict.kind === 'refused' || verdict.kind === 'badArgument')) {
          resumption.clear()
          fresh = RESUME_REFUSED
          this.policy.begin(now())
          continue
        }
        if (!verdict.isRetryable) return host.onFatal(verdict.error)
        if (!isQuiet) host.onRetrying(verdict.error.message)
      }
    } finally {
      onFirstAttempt()
    }
  }

  /** Budget spent: say so once, then try again quietly on a slow timer until stop, suspend or success. */
  private waitForNetwork(epoch: number, notes: RecoveryNotes, lastFailure: string, isQuiet: boolean): void {
    if (!isQuiet) this.deps.host.onGaveUp(connectionLostError(lastFailure))
    if (!this.deps.host.isCurrent(epoch)) return
    this.waiting = { epoch, notes }
    this.networkTimer = this.deps.clock.setTimeout(() => {
      this.networkTimer = null
      this.waiting = null
      if (this.deps.host.isCurrent(epoch)) this.launch(epoch, notes, undefined, true)
    }, this.deps.limits.networkRetryMs)
  }
}
