import type { AppError } from '../../../../../shared/ipcContract'
import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Settings } from '../../../../../shared/settings'
import type { Clock, Logger, TimerHandle } from '../../ports'
import { redactSecrets } from '../../redact'
import { joinNotes, note, type StatusNotes } from '../statusNotes'
import { CancellableSleep } from './cancellableSleep'
import { classifyClose, connectionLostError, unstableConnectionError, type CloseKind, type CloseVerdict } from './closeCodes'
import type { OpenConnection } from '../connection/liveConnector'
import { ReconnectPolicy } from './reconnectPolicy'
import type { ResumptionState } from './resumptionState'
import type { SessionDialer } from '../connection/sessionDialer'

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
  onOpen(open: OpenConnection, isResumed: boolean, notes: StatusNotes): void
  /** An attempt failed and another will follow; `why` is the failure's error, as a notice. */
  onRetrying(why: StatusNotes): void
  /** No retry can help (key, model, quota…): the session ends in error; `kind` is the close's, when a close said so. */
  onFatal(error: AppError, kind?: CloseKind): void
  /**
   * The reconnect budget is spent: show the error, and tell the user (an error event) unless
   * `isQuiet` (a quiet retry failed again: the user already knows). Quiet retries go on.
   */
  onGaveUp(error: AppError, isQuiet: boolean): void
  /**
   * The server refused the model as unknown (retired): move once to the recommended model and
   * return the note for the user, or the error to end with when no move is left.
   */
  replaceRefusedModel?(): { notes: StatusNotes } | { error: AppError }
}

/** Notes for a run: what to tell the user when it resumes, or when it starts fresh from a kept conversation. */
export interface RecoveryNotes {
  resumed?: StatusNotes
  fresh?: StatusNotes
  /** `fresh` already shows the user what the seed restores (History's Continue), so no "Continuing from earlier" is added. */
  isSeedShown?: boolean
}

/** How a run starts. */
export interface LaunchOptions {
  notes?: RecoveryNotes
  /** Fires after the first attempt settles (or when the run gives up). */
  onFirstAttempt?: () => void
  /** A retry after the budget was spent: one attempt, then back to waiting `networkRetryMs`. */
  isQuiet?: boolean
  /** A planned GoAway rotation: a 1007 right after it gets one more attempt (see {@link noteClosed}). */
  isRotation?: boolean
}

/** What the session does after the server (or the network) closed a live connection. */
export type CloseAction =
  /** Reconnect; `isRetryAfterRotation`: the held-back frames are stale, send at most the newest. */
  | { kind: 'reconnect'; isRetryAfterRotation: boolean }
  /** No retry can help: end in error. */
  | { kind: 'fatal' }

const RESUME_REFUSED = note('RESUME_REFUSED_FRESH')

/**
 * Setups refused in a row while offering the handle (with a code the server chose, such as 1011)
 * after which the handle counts as refused: the real server's code for a dead handle is not
 * known (wire-samples README, open questions), and a handle that never works must not keep the
 * conversation away for good.
 */
const MAX_HANDLE_REFUSALS = 3

/**
 * Connects the session (resuming while the handle is usable): a quick first try, then jittered
 * backoff inside a budget. When the budget is spent the user is told, and the loop keeps trying
 * quietly every `networkRetryMs`, so the session comes back by itself when the network does;
 * a wake or "back online" ({@link hurry}) tries again at once.
 *
 * A connection that ends within `shortLivedConnectionMs` of setup counts as a failed attempt of
 * the series that opened it (issue 13.1: a server that accepts and then drops must not make us
 * redial in a loop), so the backoff keeps growing inside the same budget, and after the budget
 * such a connection sends the loop straight back to its quiet wait.
 */
export class RecoveryLoop {
  private readonly policy: ReconnectPolicy
  private readonly sleeper: CancellableSleep
  private networkTimer: TimerHandle | null = null
  private waiting: { epoch: number; notes: RecoveryNotes } | null = null
  /** The connection the loop opened last, until it ends. */
  private lastOpen: { at: number; isRotation: boolean } | null = null
  /** The next run carries on the current series (the connection it replaces was short-lived). */
  private continuesSeries = false
  /** The budget was spent and no connection has proved healthy since. */
  private hasGivenUp = false
  /** A 1007 right after a rotation already had its one extra attempt. */
  private hasRetriedRotation = false
  /** Setups refused in a row while offering the handle (see MAX_HANDLE_REFUSALS). */
  private handleRefusals = 0
  /** Why the newest short-lived connection of this series ended, unless a failed connect came after it (for the message when the budget is spent). */
  private shortLivedCause: CloseVerdict | null = null

  constructor(
    private readonly deps: {
      clock: Clock
      logger: Logger
      resumption: ResumptionState
      dialer: SessionDialer
      host: RecoveryHost
      limits: { firstRetryDelayMs: number; maxRetryDelayMs: number; retryBudgetMs: number; networkRetryMs: number; shortLivedConnectionMs: number }
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

  /** Runs detached. */
  launch(epoch: number, options: LaunchOptions = {}): void {
    const onFirstAttempt = options.onFirstAttempt ?? (() => {})
    this.run(epoch, options, onFirstAttempt).catch((error: unknown) => {
      this.deps.logger.error('reconnect loop failed', { error })
      onFirstAttempt()
      if (this.deps.host.isCurrent(epoch)) {
        this.deps.host.onFatal({ code: 'INTERNAL', message: 'The session stopped after an internal error.' })
      }
    })
  }

  /**
   * The session is leaving the connection the loop opened (a rotation, a stall, a failed check):
   * when it lived only a few seconds, the next run carries on the backoff series.
   */
  noteLeaving(): void {
    const open = this.lastOpen
    this.lastOpen = null
    const isShortLived = open !== null && this.deps.clock.now() - open.at < this.deps.limits.shortLivedConnectionMs
    this.continuesSeries = isShortLived
    if (!isShortLived) {
      this.hasGivenUp = false
      this.hasRetriedRotation = false
    }
  }

  /**
   * The server or the network closed the live connection: decides between reconnecting and
   * ending in error. A short-lived connection counts as a failed attempt ({@link noteLeaving}).
   * A 1007 refusal that arrives within seconds of a GoAway rotation gets one more attempt
   * (issue 13.1) before it is treated as fatal.
   */
  noteClosed(verdict: CloseVerdict): CloseAction {
    const open = this.lastOpen
    this.noteLeaving()
    if (this.continuesSeries) this.shortLivedCause = verdict
    if (verdict.isRetryable) return { kind: 'reconnect', isRetryAfterRotation: false }
    if (verdict.kind === 'badArgument' && this.continuesSeries && open?.isRotation && !this.hasRetriedRotation) {
      this.hasRetriedRotation = true
      this.deps.logger.warn('1007 right after a rotation: one more attempt, without the held-back frames')
      return { kind: 'reconnect', isRetryAfterRotation: true }
    }
    return { kind: 'fatal' }
  }

  /**
   * The network may be back (wake, unlock, online): cut a backoff wait short with a fresh budget,
   * or leave the quiet wait and reconnect now. Returns the epoch of a run to start, or null.
   */
  hurry(): { epoch: number; notes: RecoveryNotes } | null {
    if (this.sleeper.isSleeping) {
      this.beginSeries()
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
    this.lastOpen = null
    this.continuesSeries = false
    this.hasGivenUp = false
    this.hasRetriedRotation = false
    this.handleRefusals = 0
  }

  private beginSeries(): void {
    this.policy.begin(this.deps.clock.now())
    this.shortLivedCause = null
  }

  private async run(epoch: number, options: LaunchOptions, onFirstAttempt: () => void): Promise<void> {
    const { clock, resumption, dialer, host, logger } = this.deps
    const notes = options.notes ?? {}
    const isQuiet = options.isQuiet ?? false
    const now = () => clock.now()
    const isContinuing = this.continuesSeries
    this.continuesSeries = false
    if (!isContinuing) this.beginSeries()
    let fresh: StatusNotes = resumption.freshStartNote(now(), host.dialRequest().model.id) ?? notes.fresh ?? null
    let lastFailure = 'no attempt made'
    try {
      if (isContinuing && this.hasGivenUp) return this.waitForNetwork(epoch, notes, this.gaveUpError(lastFailure), true)
      for (;;) {
        const delay = isQuiet && this.policy.attempts > 0 ? null : this.policy.nextDelay(now())
        if (delay === null) return this.waitForNetwork(epoch, notes, this.gaveUpError(lastFailure), isQuiet)
        if (delay > 0 && !(await this.sleeper.sleep(delay))) return
        if (!host.isCurrent(epoch)) return
        const outcome = await dialer.dial(host.dialRequest(), () => host.isCurrent(epoch))
        onFirstAttempt()
        if (outcome.kind === 'abandoned' || !host.isCurrent(epoch)) return
        if (outcome.kind === 'open') {
          this.handleRefusals = 0
          this.lastOpen = { at: now(), isRotation: options.isRotation ?? false }
          return host.onOpen(outcome.open, outcome.isResumed, outcome.isResumed ? (notes.resumed ?? null) : joinNotes(fresh, notes.isSeedShown ? null : outcome.seededNote))
        }
        const { failure, offeredHandle } = outcome
        // The newest evidence is a connect that failed: if the budget runs out, that is what to report.
        this.shortLivedCause = null
        const verdict = failure.verdict ?? classifyClose(failure.closeCode, failure.reason)
        lastFailure = redactSecrets(failure.message, [host.dialRequest().apiKey])
        logger.warn('live connect failed', { closeCode: failure.closeCode, reason: lastFailure, resuming: offeredHandle })
        const isRefusedWithHandle = offeredHandle && failure.closeCode !== null
        // Only a close the server chose counts; a lost network (1006, no close frame) says nothing about the handle.
        if (isRefusedWithHandle && verdict.isRetryable && verdict.kind !== 'dropped') this.handleRefusals++
        const isResumeRefusal =
          verdict.kind === 'resumeRefused' || verdict.kind === 'refused' || verdict.kind === 'badArgument' || this.handleRefusals >= MAX_HANDLE_REFUSALS
        if (isRefusedWithHandle && isResumeRefusal) {
          this.handleRefusals = 0
          resumption.clear()
          fresh = RESUME_REFUSED
          this.beginSeries()
          continue
        }
        if (verdict.kind === 'modelUnavailable' && host.replaceRefusedModel) {
          const move = host.replaceRefusedModel()
          if ('error' in move) return host.onFatal(move.error, verdict.kind)
          fresh = joinNotes(move.notes, fresh)
          this.beginSeries()
          continue
        }
        if (!verdict.isRetryable) return host.onFatal(verdict.error, verdict.kind)
        if (!isQuiet) host.onRetrying(note(verdict.error.code, verdict.error.params))
      }
    } finally {
      onFirstAttempt()
    }
  }

  /** Connections kept dying right after setup: say that; otherwise the network is the likely cause. */
  private gaveUpError(lastFailure: string): AppError {
    return this.shortLivedCause ? unstableConnectionError(this.shortLivedCause) : connectionLostError(lastFailure)
  }

  /** Budget spent: say so (once), then try again quietly on a slow timer until stop, suspend or success. */
  private waitForNetwork(epoch: number, notes: RecoveryNotes, error: AppError, isQuiet: boolean): void {
    this.hasGivenUp = true
    this.deps.host.onGaveUp(error, isQuiet)
    if (!this.deps.host.isCurrent(epoch)) return
    this.waiting = { epoch, notes }
    this.networkTimer = this.deps.clock.setTimeout(() => {
      this.networkTimer = null
      this.waiting = null
      if (this.deps.host.isCurrent(epoch)) this.launch(epoch, { notes, isQuiet: true })
    }, this.deps.limits.networkRetryMs)
  }
}
