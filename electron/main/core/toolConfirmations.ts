import type { ToolConfirmRequest, ToolQuestion } from '../../../shared/ipcContract'
import type { Disposable } from './lifecycle'
import type { Clock, TimerHandle } from './ports'
import { CodedError } from '../../../shared/codedError'

/** Unanswered questions count as "no" after this long, so a tool call never hangs the turn. */
const ANSWER_TIMEOUT_MS = 60_000
/** More questions than this waiting at once are refused unasked: a model asking 1,000 times gets no panel flood. */
export const MAX_WAITING_QUESTIONS = 50

interface Waiting {
  requestId: string
  question: ToolQuestion
  settle: (allow: boolean) => void
  timer: TimerHandle
  stopListening: () => void
}

export interface ToolConfirmationsOptions {
  clock: Clock
  /** Shows a question on the page (the same requestId again updates it, e.g. its `waiting` count). */
  ask: (request: ToolConfirmRequest) => void
  /** Takes a question off the page: it timed out, its call was cancelled, or it was answered. */
  close: (requestId: string) => void
  /** Whether the user chose "always allow" for this tool in Settings (`alwaysAllowTools`). */
  isAlwaysAllowed?: (tool: string) => boolean
}

/**
 * Questions a tool asks the user before it acts ("Open a link on example.com?"). They form a
 * queue: the page shows one at a time, with how many more are waiting, so 40 simultaneous
 * requests are one panel, not 40. Each is settled by {@link answer}, or as "no" after a minute or
 * when its call is cancelled, and then the page is told to take it down.
 */
export class ToolConfirmations implements Disposable {
  private readonly queue: Waiting[] = []
  private nextId = 1

  constructor(private readonly options: ToolConfirmationsOptions) {}

  /** Asks the user; resolves true only on an explicit yes (or the tool's "always allow" setting). */
  confirm(question: ToolQuestion, signal?: AbortSignal): Promise<boolean> {
    if (this.options.isAlwaysAllowed?.(question.tool)) return Promise.resolve(true)
    if (signal?.aborted || this.queue.length >= MAX_WAITING_QUESTIONS) return Promise.resolve(false)
    const requestId = `confirm-${this.nextId++}`
    return new Promise((resolve) => {
      const onAbort = () => this.settle(requestId, false)
      signal?.addEventListener('abort', onAbort, { once: true })
      this.queue.push({
        requestId,
        question,
        settle: resolve,
        timer: this.options.clock.setTimeout(() => this.settle(requestId, false), ANSWER_TIMEOUT_MS),
        stopListening: () => signal?.removeEventListener('abort', onAbort),
      })
      this.showHead()
    })
  }

  /**
   * Settles a question; unknown or already-settled ids are refused with UNKNOWN_REQUEST.
   * `allWaiting` with `allow: false` also refuses every other question in the queue ("Deny all").
   */
  answer(requestId: string, allow: boolean, allWaiting = false): void {
    if (!this.queue.some((w) => w.requestId === requestId)) {
      throw new CodedError('UNKNOWN_REQUEST', 'That question was already answered or has expired.')
    }
    if (allWaiting && !allow) {
      // Those behind first, quietly, so the page sees only the one on screen go.
      for (const waiting of this.queue.slice(1)) this.settle(waiting.requestId, false, { quiet: true })
    }
    this.settle(requestId, allow)
  }

  /** Every waiting question is answered "no" and its timer cleared (the app is shutting down). */
  dispose(): void {
    for (const waiting of [...this.queue]) this.settle(waiting.requestId, false, { quiet: true })
  }

  /** How many questions are waiting, the one on screen included. */
  get waitingCount(): number {
    return this.queue.length
  }

  private settle(requestId: string, allow: boolean, { quiet = false } = {}): void {
    const index = this.queue.findIndex((w) => w.requestId === requestId)
    if (index === -1) return
    const [entry] = this.queue.splice(index, 1)
    this.options.clock.clearTimeout(entry!.timer)
    entry!.stopListening()
    entry!.settle(allow)
    if (index === 0) this.options.close(requestId)
    if (!quiet) this.showHead()
  }

  private showHead(): void {
    const head = this.queue[0]
    if (head) this.options.ask({ requestId: head.requestId, ...head.question, waiting: this.queue.length - 1 })
  }
}
