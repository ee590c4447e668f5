import type { ToolConfirmRequest } from '../../../shared/ipcContract'
import type { Clock, TimerHandle } from './ports'
import { CodedError } from '../../../shared/codedError'

/** Unanswered questions count as "no" after this long, so a tool call never hangs the turn. */
const ANSWER_TIMEOUT_MS = 60_000

/**
 * Questions a tool asks the user before it acts ("Open example.com in your browser?"): each is
 * sent to the page as an event and settled by `answerToolConfirmation`, or as "no" on timeout.
 */
export class ToolConfirmations {
  private readonly pending = new Map<string, { settle: (allow: boolean) => void; timer: TimerHandle }>()
  private nextId = 1

  constructor(
    private readonly clock: Clock,
    private readonly ask: (request: ToolConfirmRequest) => void,
  ) {}

  /** Asks the user; resolves true only on an explicit yes. */
  confirm(request: { title: string; detail: string }): Promise<boolean> {
    const requestId = `confirm-${this.nextId++}`
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => this.answer(requestId, false), ANSWER_TIMEOUT_MS)
      this.pending.set(requestId, { settle: resolve, timer })
      this.ask({ requestId, ...request })
    })
  }

  /** Settles a question; unknown or already-answered ids are refused. */
  answer(requestId: string, allow: boolean): void {
    const entry = this.pending.get(requestId)
    if (!entry) throw new CodedError('UNKNOWN_REQUEST', 'That question was already answered or has expired.')
    this.pending.delete(requestId)
    this.clock.clearTimeout(entry.timer)
    entry.settle(allow)
  }
}
