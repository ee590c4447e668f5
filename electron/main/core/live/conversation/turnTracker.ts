/** One exchange: the user's question (spoken or typed) and the model's answer to it. */
export interface Exchange {
  readonly id: number
  /** The user pressed to talk, typed, or was transcribed in this exchange. */
  hasUserInput: boolean
  /** The user's transcribed or typed words so far (for spotting a repeated delivery). */
  userText: string
  /** Transcription held back because, so far, it repeats the start of {@link userText}. */
  repeatProbe: string
  /** Audio, text, a transcription, code, grounding or a tool call came from the model. */
  hasModelOutput: boolean
  /** `generationComplete` arrived: the whole answer has been sent (playback may go on). */
  isGenerated: boolean
  isInterrupted: boolean
  /** The server said `interrupted` before this exchange had any output (u09 case 2): no answer is owed. */
  isCutBeforeOutput: boolean
  /** `turnComplete` arrived (or the connection went away). */
  isComplete: boolean
  /** Clock time the exchange stopped being the open one; null while open. */
  endedAt: number | null
}

/**
 * Hands-free, an input transcription this soon after the previous exchange ended still belongs
 * to it: the server sends the user's words late, even after `turnComplete` (wire sample u11).
 */
export const LATE_INPUT_MS = 2_000

/**
 * Numbers the exchanges of a conversation so the UI can group transcript lines and drop the
 * audio of an interrupted reply, and decides which exchange each server signal belongs to. The
 * real server does not keep them in order (docs/protocol.md §0.1, wire samples u05, u06, u09,
 * u11): `turnComplete` can come 20 s after `generationComplete` or never, `interrupted` can come
 * after `turnComplete`, and the user's transcription can come after the answer or after the
 * turn ended. So a signal with no output of its own goes to the exchange that just ended, and
 * never opens the next one.
 */
export class TurnTracker {
  private turnId = 0
  private open: Exchange | null = null
  /** The exchange that ended last (complete, or superseded by the user while it awaited `turnComplete`). */
  private previous: Exchange | null = null

  /**
   * The user starts a new question (presses to talk, or types). An answer still open (its
   * `turnComplete` pending while it plays, or still streaming: the server will interrupt it)
   * stays the previous exchange, so its late signals still find it.
   */
  startUserTurn(now: number): Exchange {
    const open = this.open
    if (open && (open.hasModelOutput || open.userText !== '')) this.supersede(open, now)
    const exchange = this.ensureOpen()
    exchange.hasUserInput = true
    return exchange
  }

  /** The model produced output for the current exchange. */
  noteModelActivity(): number {
    const exchange = this.ensureOpen()
    exchange.hasModelOutput = true
    return exchange.id
  }

  /**
   * Where an input transcription goes: the open exchange while its answer has not been sent (it
   * may arrive after the answer started, u11); a new exchange when the user speaks over an answer
   * already sent or cut; else, with no exchange open, the one that just ended — always with
   * push-to-talk (a new question starts with a press), and hands-free while that exchange lacks
   * its question or within {@link LATE_INPUT_MS} of its end.
   */
  inputExchange(now: number, isPushToTalk: boolean): Exchange {
    const open = this.open
    if (open) {
      if (open.hasModelOutput && open.userText !== '' && (open.isGenerated || open.isInterrupted)) this.supersede(open, now)
      else return open
    } else {
      const previous = this.previous
      const isLate = previous && (isPushToTalk || previous.userText === '' || (previous.endedAt !== null && now - previous.endedAt <= LATE_INPUT_MS))
      if (previous && isLate) return previous
    }
    return this.ensureOpen()
  }

  /** `generationComplete`: the open answer's, else a superseded answer's that still awaits its turn end. */
  generationComplete(): Exchange | null {
    const target = this.open?.hasModelOutput ? this.open : this.awaitingPrevious() ?? this.open
    if (target) target.isGenerated = true
    return target
  }

  /**
   * `interrupted`: cuts the answer being streamed or played. With no output in the open exchange,
   * it belongs to the answer that just ended (its audio may still be playing, u09 case 1) or to
   * nothing (u09 case 2: the generation had not started); never to the next exchange.
   */
  interrupted(): Exchange | null {
    const open = this.open
    if (open?.hasModelOutput) {
      open.isInterrupted = true
      return open
    }
    const previous = this.previous
    const target = previous?.hasModelOutput && !previous.isInterrupted ? previous : null
    if (target) target.isInterrupted = true
    // A cut answer still awaiting its turn end takes the turnComplete that follows; else the open exchange does.
    if (open && !(target && !target.isComplete)) open.isCutBeforeOutput = true
    return target
  }

  /**
   * `turnComplete`: ends the open exchange when it has an answer (or was cut); else it is the
   * late turn end of a superseded answer; else it ends the open exchange with no answer. Returns
   * null when nothing is open or waiting (a stray turn end).
   */
  turnComplete(now: number): Exchange | null {
    const open = this.open
    if (open && (open.hasModelOutput || open.isCutBeforeOutput)) return this.finish(open, now)
    const waiting = this.awaitingPrevious()
    if (waiting) {
      waiting.isComplete = true
      return waiting
    }
    return open ? this.finish(open, now) : null
  }

  /** The connection went away: whatever is open is over. */
  complete(now: number): void {
    if (this.open) this.finish(this.open, now)
    if (this.previous) this.previous.isComplete = true
  }

  /** The model is producing an answer that has not been fully sent yet. */
  get isReplying(): boolean {
    const open = this.open
    return open !== null && open.hasModelOutput && !open.isGenerated && !open.isInterrupted
  }

  /** The exchange signals go to now, if one is open. */
  get openExchange(): Exchange | null {
    return this.open
  }

  private ensureOpen(): Exchange {
    if (!this.open) {
      this.open = { id: ++this.turnId, hasUserInput: false, userText: '', repeatProbe: '', hasModelOutput: false, isGenerated: false, isInterrupted: false, isCutBeforeOutput: false, isComplete: false, endedAt: null }
    }
    return this.open
  }

  private awaitingPrevious(): Exchange | null {
    const previous = this.previous
    return previous && !previous.isComplete && previous.hasModelOutput ? previous : null
  }

  private supersede(exchange: Exchange, now: number | null): void {
    exchange.endedAt = now
    this.previous = exchange
    this.open = null
  }

  private finish(exchange: Exchange, now: number | null): Exchange {
    exchange.isComplete = true
    exchange.endedAt = now
    this.previous = exchange
    if (this.open === exchange) this.open = null
    return exchange
  }
}
