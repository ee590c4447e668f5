import type { Clock } from '../../ports'
import type { ConversationMemory } from '../conversation/conversationMemory'
import type { LiveSessionEvents } from '../liveSessionEvents'
import type { Part, ServerContent } from '../liveTypes'
import type { Exchange, TurnTracker } from '../conversation/turnTracker'

const DEFAULT_OUTPUT_RATE = 24_000
/** A held-back repeat must be this long: a short word that merely starts like the question is shown at once. */
const MIN_REPEAT_CHARS = 8

/** `turnCompleteReason` values that mean the model refused to answer (@google/genai 3.1.0 `TurnCompleteReason`). */
const REFUSALS = new Set(['RESPONSE_REJECTED', 'PROHIBITED_INPUT_CONTENT', 'IMAGE_PROHIBITED_INPUT_CONTENT', 'MALFORMED_FUNCTION_CALL'])

/** What a `serverContent` message meant for the session's control flow. */
export interface ContentOutcome {
  /** A `turnComplete` arrived (for whichever exchange it belongs to). */
  isTurnComplete: boolean
  /** The server heard the user or is answering, and the answer is not all sent yet: its silence would be a stall. */
  isAnswerOwed: boolean
  /** The answer has been sent (`generationComplete`), cut (`interrupted`) or its turn ended: nothing more is owed. */
  isAnswerDone: boolean
}

/** What the translator needs to know about the session it serves. */
export interface TranslatorContext {
  clock: Pick<Clock, 'now'>
  /** Push-to-talk: a new question starts with a press, so late transcription always joins the last exchange. */
  isPushToTalk(): boolean
  /** The session asked for AUDIO answers: the words are in `outputTranscription`, and text parts may repeat them (u12). */
  isAudioSession(): boolean
  /** Proactive audio is on: the model may choose to stay silent after the user spoke. */
  isSilenceAllowed(): boolean
}

/**
 * Turns `serverContent` into the events the UI shows: transcript deltas (speech in and out,
 * model text, thought summaries), audio chunks, executable code and its results, grounding
 * sources and turn events. Every event carries the exchange it belongs to, decided by
 * {@link TurnTracker} (the server's order is not the conversation's: wire samples u09, u11).
 * Content is handled before the turn signals of the same message (u10, f04). A repeated delivery
 * of the user's whole transcription is shown once (google-gemini/cookbook#1346, cited in u06), and
 * in an AUDIO session a text part is held until the answer ends and shown only if the output
 * transcription did not already say it (u12). A turn that ends with nothing from the model after
 * the user spoke, or refused, is reported as `noAnswer`.
 */
export class ServerContentTranslator {
  /** AUDIO sessions: model text parts per exchange, held until the answer ends. */
  private readonly heldText = new Map<number, string>()
  /** AUDIO sessions: the output transcription per exchange while text is held against it. */
  private readonly spokenText = new Map<number, string>()

  constructor(
    private readonly events: Pick<LiveSessionEvents, 'onTranscript' | 'onAudioOut' | 'onModelContent' | 'onTurnEvent'>,
    private readonly turns: TurnTracker,
    private readonly memory: ConversationMemory,
    private readonly context: TranslatorContext,
  ) {}

  translate(content: ServerContent): ContentOutcome {
    const outcome: ContentOutcome = { isTurnComplete: false, isAnswerOwed: false, isAnswerDone: false }
    const input = content.inputTranscription?.text
    if (typeof input === 'string' && input) this.translateInput(input, outcome)
    const parts = Array.isArray(content.modelTurn?.parts) ? content.modelTurn.parts : []
    for (const part of parts) {
      if (!part || typeof part !== 'object') continue
      this.translatePart(part, this.modelActivity(outcome))
    }
    const output = content.outputTranscription?.text
    if (typeof output === 'string' && output) {
      const turnId = this.modelActivity(outcome)
      if (this.context.isAudioSession()) this.noteSpoken(turnId, output)
      this.events.onTranscript({ turnId, role: 'model', kind: 'output', text: output })
      this.memory.add(turnId, 'model', output)
    }
    const grounding = content.groundingMetadata
    if (grounding) {
      this.events.onModelContent({
        kind: 'grounding',
        turnId: this.modelActivity(outcome),
        queries: (grounding.webSearchQueries ?? []).filter((q): q is string => typeof q === 'string'),
        sources: (grounding.groundingChunks ?? []).flatMap((c) => (c.web?.uri ? [{ uri: c.web.uri, title: c.web.title ?? c.web.uri }] : [])),
      })
    }
    if (content.generationComplete) {
      const exchange = this.signal(outcome, () => this.turns.generationComplete())
      if (exchange) {
        this.flushHeldText(exchange.id)
        this.events.onTurnEvent({ turnId: exchange.id, type: 'generationComplete' })
      }
    }
    if (content.interrupted) {
      const exchange = this.signal(outcome, () => this.turns.interrupted())
      if (exchange) {
        this.flushHeldText(exchange.id)
        this.events.onTurnEvent({ turnId: exchange.id, type: 'interrupted' })
      }
    }
    if (content.turnComplete) {
      const exchange = this.signal(outcome, () => this.turns.turnComplete(this.context.clock.now()))
      if (exchange) this.endTurn(exchange, content)
      outcome.isTurnComplete = true
    }
    if (outcome.isAnswerDone) outcome.isAnswerOwed = false
    return outcome
  }

  /** The connection went away: text still held is shown rather than lost. */
  flushAll(): void {
    for (const turnId of [...this.heldText.keys()]) this.flushHeldText(turnId)
    this.spokenText.clear()
  }

  /**
   * Applies a turn signal. It ends what is owed only when it concerns the open exchange (or
   * leaves none open): the late turn end of an earlier answer must not stop the watch on the
   * question the user asked since.
   */
  private signal(outcome: ContentOutcome, apply: () => Exchange | null): Exchange | null {
    const openBefore = this.turns.openExchange
    const exchange = apply()
    if (exchange === openBefore || this.turns.openExchange === null) outcome.isAnswerDone = true
    return exchange
  }

  private translateInput(delta: string, outcome: ContentOutcome): void {
    const exchange = this.turns.inputExchange(this.context.clock.now(), this.context.isPushToTalk())
    const text = this.unrepeated(exchange, delta)
    if (!text) return
    exchange.hasUserInput = true
    exchange.userText += text
    this.events.onTranscript({ turnId: exchange.id, role: 'user', kind: 'input', text })
    this.memory.add(exchange.id, 'user', text)
    const isOpen = this.turns.openExchange === exchange
    if (isOpen && !exchange.hasModelOutput && !this.context.isSilenceAllowed()) outcome.isAnswerOwed = true
  }

  /**
   * The part of an input transcription delta that is new. The server may deliver the same
   * utterance again (whole or in pieces); pieces that repeat the start of what this exchange
   * already said are held until they either complete the repeat (dropped) or go their own way
   * (shown, held part included).
   */
  private unrepeated(exchange: Exchange, delta: string): string {
    const said = normalized(exchange.userText)
    if (!said) return delta
    const candidate = exchange.repeatProbe + delta
    const words = normalized(candidate)
    if (words && said.startsWith(words) && (words === said || words.length >= MIN_REPEAT_CHARS)) {
      exchange.repeatProbe = words === said ? '' : candidate
      return ''
    }
    exchange.repeatProbe = ''
    return candidate
  }

  private modelActivity(outcome: ContentOutcome): number {
    const turnId = this.turns.noteModelActivity()
    const exchange = this.turns.openExchange
    // Model output of an answer the user asked for keeps the watch on until it has all been sent.
    if (exchange?.hasUserInput && !exchange.isGenerated && !exchange.isInterrupted) outcome.isAnswerOwed = true
    return turnId
  }

  private endTurn(exchange: Exchange, content: ServerContent): void {
    this.flushHeldText(exchange.id)
    this.spokenText.delete(exchange.id)
    const reason = typeof content.turnCompleteReason === 'string' && content.turnCompleteReason ? content.turnCompleteReason.slice(0, 100) : undefined
    const waitingForInput = content.waitingForInput === true ? true : undefined
    this.events.onTurnEvent({
      turnId: exchange.id,
      type: 'turnComplete',
      ...(reason !== undefined && { turnCompleteReason: reason }),
      ...(waitingForInput && { waitingForInput }),
    })
    const isRefused = reason !== undefined && REFUSALS.has(reason)
    const isUnanswered = exchange.hasUserInput && !exchange.isCutBeforeOutput && !waitingForInput
    if (!exchange.hasModelOutput && (isRefused || isUnanswered)) {
      this.events.onTurnEvent({ turnId: exchange.id, type: 'noAnswer', ...(reason !== undefined && { turnCompleteReason: reason }) })
    }
  }

  private translatePart(part: Part, turnId: number): void {
    if (typeof part.text === 'string' && part.text) {
      if (part.thought) this.events.onTranscript({ turnId, role: 'model', kind: 'thought', text: part.text })
      else if (this.context.isAudioSession()) this.heldText.set(turnId, (this.heldText.get(turnId) ?? '') + part.text)
      else this.showText(turnId, part.text)
    }
    const blob = part.inlineData
    if (typeof blob?.data === 'string' && blob.data && typeof blob.mimeType === 'string' && blob.mimeType.startsWith('audio/')) {
      const bytes = Buffer.from(blob.data, 'base64')
      const pcm = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)
      this.events.onAudioOut({ turnId, pcm, sampleRate: sampleRateOf(blob.mimeType) })
    }
    if (part.executableCode) {
      this.events.onModelContent({ kind: 'executableCode', turnId, language: part.executableCode.language ?? 'PYTHON', code: part.executableCode.code ?? '' })
    }
    if (part.codeExecutionResult) {
      this.events.onModelContent({ kind: 'codeResult', turnId, outcome: part.codeExecutionResult.outcome ?? 'OUTCOME_UNSPECIFIED', output: part.codeExecutionResult.output ?? '' })
    }
  }

  /** Shows an AUDIO session's held text unless the output transcription already said it. */
  private flushHeldText(turnId: number): void {
    const held = this.heldText.get(turnId)
    if (held === undefined) return
    this.heldText.delete(turnId)
    const words = normalized(held)
    if (words && !normalized(this.spokenText.get(turnId) ?? '').includes(words)) this.showText(turnId, held)
  }

  /** Keeps the spoken words of recent exchanges only (an answer with no turn end must not keep its words forever). */
  private noteSpoken(turnId: number, text: string): void {
    this.spokenText.set(turnId, (this.spokenText.get(turnId) ?? '') + text)
    for (const id of this.spokenText.keys()) if (id < turnId - 3) this.spokenText.delete(id)
  }

  private showText(turnId: number, text: string): void {
    this.events.onTranscript({ turnId, role: 'model', kind: 'text', text })
    this.memory.add(turnId, 'model', text)
  }
}

/** Words only, lower case, single spaces: "It's five." and "it's  five" compare equal. */
function normalized(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, ' ').trim()
}

/** Reads `rate=N` from an audio MIME type such as `audio/pcm;rate=24000`. */
export function sampleRateOf(mimeType: string): number {
  const match = /rate=(\d+)/i.exec(mimeType)
  const rate = match ? Number(match[1]) : DEFAULT_OUTPUT_RATE
  return rate > 0 && rate <= 192_000 ? rate : DEFAULT_OUTPUT_RATE
}
