import type { LiveSessionEvents } from './liveSessionEvents'
import type { ConversationMemory } from './conversationMemory'
import type { Part, ServerContent } from './liveTypes'
import type { TurnTracker } from './turnTracker'

const DEFAULT_OUTPUT_RATE = 24_000

/** What a `serverContent` message meant for the session's control flow. */
export interface ContentOutcome {
  isTurnComplete: boolean
  isInterrupted: boolean
  hasModelOutput: boolean
}

/**
 * Turns `serverContent` into the events the UI shows: transcript deltas (speech in and out,
 * model text, thought summaries), audio chunks, executable code and its results, grounding
 * sources and turn events. Every event carries the turn it belongs to.
 */
export class ServerContentTranslator {
  constructor(
    private readonly events: Pick<LiveSessionEvents, 'onTranscript' | 'onAudioOut' | 'onModelContent' | 'onTurnEvent'>,
    private readonly turns: TurnTracker,
    private readonly memory: ConversationMemory,
  ) {}

  translate(content: ServerContent): ContentOutcome {
    const outcome: ContentOutcome = { isTurnComplete: false, isInterrupted: false, hasModelOutput: false }
    const input = content.inputTranscription?.text
    if (input) {
      const turnId = this.turns.current()
      this.events.onTranscript({ turnId, role: 'user', kind: 'input', text: input })
      this.memory.add(turnId, 'user', input)
    }
    for (const part of content.modelTurn?.parts ?? []) {
      outcome.hasModelOutput = true
      this.translatePart(part, this.turns.noteModelActivity())
    }
    const output = content.outputTranscription?.text
    if (output) {
      outcome.hasModelOutput = true
      const turnId = this.turns.noteModelActivity()
      this.events.onTranscript({ turnId, role: 'model', kind: 'output', text: output })
      this.memory.add(turnId, 'model', output)
    }
    const grounding = content.groundingMetadata
    if (grounding) {
      this.events.onModelContent({
        kind: 'grounding',
        turnId: this.turns.noteModelActivity(),
        queries: (grounding.webSearchQueries ?? []).filter((q): q is string => typeof q === 'string'),
        sources: (grounding.groundingChunks ?? []).flatMap((c) => (c.web?.uri ? [{ uri: c.web.uri, title: c.web.title ?? c.web.uri }] : [])),
      })
    }
    if (content.generationComplete) this.events.onTurnEvent({ turnId: this.turns.current(), type: 'generationComplete' })
    if (content.interrupted) {
      outcome.isInterrupted = true
      this.events.onTurnEvent({ turnId: this.turns.current(), type: 'interrupted' })
    }
    if (content.turnComplete) {
      outcome.isTurnComplete = true
      this.events.onTurnEvent({ turnId: this.turns.current(), type: 'turnComplete' })
      this.turns.complete()
    }
    return outcome
  }

  private translatePart(part: Part, turnId: number): void {
    if (typeof part.text === 'string' && part.text) {
      const kind = part.thought ? 'thought' : 'text'
      this.events.onTranscript({ turnId, role: 'model', kind, text: part.text })
      if (kind === 'text') this.memory.add(turnId, 'model', part.text)
    }
    const blob = part.inlineData
    if (blob?.data && blob.mimeType?.startsWith('audio/')) {
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
}

/** Reads `rate=N` from an audio MIME type such as `audio/pcm;rate=24000`. */
export function sampleRateOf(mimeType: string): number {
  const match = /rate=(\d+)/i.exec(mimeType)
  const rate = match ? Number(match[1]) : DEFAULT_OUTPUT_RATE
  return rate > 0 && rate <= 192_000 ? rate : DEFAULT_OUTPUT_RATE
}
