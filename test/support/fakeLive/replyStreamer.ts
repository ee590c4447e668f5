import { speechLikePcm } from './audio'
import type { RealTiming, ReplyOutcome, ReplyScript } from './fakeLiveTypes'

/** What a reply needs from its connection. */
export interface ReplySink {
  send(message: object): Promise<void>
  isOpen(): boolean
  /** True once the user spoke (or sent activityStart) during this reply. */
  isInterruptRequested(): boolean
  readonly wantsResumption: boolean
  issueHandle(): Promise<void>
  /** Sends `interrupted` (+ cancellations and `turnComplete`, unless the turn already ended: u09 case 1). */
  onInterrupted(options?: { isAfterTurnComplete?: boolean }): Promise<void>
  /** Sends a toolCall and registers its ids as open. */
  toolCall(calls: { name: string; args?: Record<string, unknown> }[]): Promise<string[]>
  /** Image tokens the frames sent since the last billed turn cost (see billedVideoTokens); counted once. */
  takeVideoTokens(): number
}

const OUTPUT_MIME = 'audio/pcm;rate=24000'
const OUTPUT_RATE = 24_000
/** The real server generates audio about 4× faster than real time (u05, u07: 0.32 s every ~86 ms). */
const DEFAULT_SPEED_UP = 4

interface Step {
  run(): Promise<void>
  /** Pause before this step; null: the reply's `chunkDelayMs`. */
  delayMs: number | null
}

/**
 * Streams one model turn in the order the real server uses (live-protocol.md §4.3) and stops
 * with `interrupted` + `turnComplete` (no generationComplete) when the user barges in. With
 * `realTiming` it paces audio as Google does and holds `turnComplete` until the audio would have
 * finished playing (wire sample u05); a barge-in during that wait gets `turnComplete` and then
 * `interrupted` (u09 case 1). It can also play the other real orders: the user's transcription
 * after the answer or after the turn end (u11), usage reports during the turn (u14), a tool call
 * with content of the same turn after it (u08), and a late `interrupted` (u09).
 */
export async function streamReply(sink: ReplySink, reply: ReplyScript): Promise<ReplyOutcome> {
  const content = (serverContent: object) => sink.send({ serverContent })
  const timing = realTimingOf(reply.realTiming)
  const inputAt = reply.inputTranscriptAt ?? 'first'
  const sendInput = () => content({ inputTranscription: { text: reply.inputTranscript, finished: true } })
  const steps: Step[] = []
  const step = (run: () => Promise<void>, delayMs: number | null = null) => steps.push({ run, delayMs })
  if (reply.inputTranscript && inputAt === 'first') step(sendInput)
  for (const thought of reply.thoughts ?? []) step(() => content({ modelTurn: { parts: [{ text: thought, thought: true }] } }))
  if (reply.executableCode) step(() => content({ modelTurn: { parts: [{ executableCode: reply.executableCode }] } }))
  if (reply.codeResult) step(() => content({ modelTurn: { parts: [{ codeExecutionResult: reply.codeResult }] } }))
  for (const chunk of asList(reply.text)) step(() => content({ modelTurn: { parts: [{ text: chunk }] } }))

  const audio = reply.audio instanceof Uint8Array ? reply.audio : reply.audio ? speechLikePcm(reply.audio.ms, OUTPUT_RATE) : null
  const audioMs = audio ? (audio.byteLength / 2 / OUTPUT_RATE) * 1000 : 0
  let firstAudioAt: number | null = null
  const transcript = asList(reply.outputTranscript)
  const audioChunk = (chunk: Uint8Array) => content({ modelTurn: { parts: [{ inlineData: { mimeType: OUTPUT_MIME, data: Buffer.from(chunk).toString('base64') } }] } })
  let trailingAudio: Uint8Array | null = null
  if (audio) {
    const chunkMs = reply.audioChunkMs ?? 100
    const chunkBytes = Math.max(2, Math.round((OUTPUT_RATE * chunkMs) / 1000) * 2)
    const chunks: Uint8Array[] = []
    for (let at = 0; at < audio.byteLength; at += chunkBytes) chunks.push(audio.subarray(at, at + chunkBytes))
    // u08: the last chunk of the turn trails the tool call.
    if (reply.midTurnToolCall && chunks.length > 1) trailingAudio = chunks.pop()!
    chunks.forEach((chunk, i) => {
      const pace = timing ? (pcmMs(chunk) / timing.speedUp) : null
      step(async () => {
        firstAudioAt ??= performance.now()
        await audioChunk(chunk)
      }, i === 0 ? null : pace)
      // Spread the transcript over the audio: chunk i carries entries [i·T/C, (i+1)·T/C), so every entry goes out once.
      const from = Math.floor((i * transcript.length) / chunks.length)
      const to = Math.floor(((i + 1) * transcript.length) / chunks.length)
      const words = transcript.slice(from, to).join('')
      if (words) step(() => content({ outputTranscription: { text: words } }), timing ? 0 : null)
    })
  } else {
    for (const words of transcript) step(() => content({ outputTranscription: { text: words } }))
  }
  if (reply.grounding) {
    const { queries, sources } = reply.grounding
    step(() => content({ groundingMetadata: { webSearchQueries: queries, groundingChunks: sources.map((web) => ({ web })) } }))
  }
  if (reply.midTurnToolCall) {
    const call = reply.midTurnToolCall
    step(async () => void (await sink.toolCall([call])))
    step(() => content({ outputTranscription: { finished: true } }))
    if (trailingAudio) {
      const chunk = trailingAudio
      step(() => audioChunk(chunk))
    }
  }
  if (reply.inputTranscript && inputAt === 'afterOutput') step(sendInput)
  spreadUsage(steps, reply.interimUsage ?? [], (usageMetadata) => sink.send({ usageMetadata }))

  const pause = (ms: number | null) => new Promise<void>((resolve) => setTimeout(resolve, ms ?? reply.chunkDelayMs ?? 0))
  for (const s of steps) {
    await pause(s.delayMs)
    if (!sink.isOpen()) return 'closed'
    if (sink.isInterruptRequested()) {
      await sink.onInterrupted()
      return 'interrupted'
    }
    await s.run()
  }
  await pause(null)
  if (!sink.isOpen()) return 'closed'
  if (sink.isInterruptRequested()) {
    await sink.onInterrupted()
    return 'interrupted'
  }
  if (reply.generationComplete !== false) await content({ generationComplete: true })
  if (reply.turnComplete === false) return 'complete'
  // Real timing: the turn ends when the server reckons playback has ended (u05); talking over it ends it now.
  let isCutInPlayback = false
  if (timing && firstAudioAt !== null) {
    const playbackEnd = firstAudioAt + audioMs
    while (performance.now() < playbackEnd && sink.isOpen() && !isCutInPlayback) {
      await pause(Math.min(20, playbackEnd - performance.now()))
      isCutInPlayback = sink.isInterruptRequested()
    }
    if (!sink.isOpen()) return 'closed'
  }
  const textTokens = Math.ceil(asList(reply.text).join('').length / 4)
  const audioTokens = audio ? Math.ceil(audioMs / 1000 / 0.04) : 0
  // 3.x bills every frame sent since the last turn into this one (turnCoverage, live-protocol.md §0.1).
  const videoTokens = sink.takeVideoTokens()
  const usage = reply.usage ?? {
    promptTokenCount: 100 + videoTokens,
    responseTokenCount: textTokens + audioTokens,
    totalTokenCount: 100 + videoTokens + textTokens + audioTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: 100 }, ...(videoTokens > 0 ? [{ modality: 'VIDEO', tokenCount: videoTokens }] : [])],
    responseTokensDetails: [audio ? { modality: 'AUDIO', tokenCount: audioTokens } : { modality: 'TEXT', tokenCount: textTokens }],
  }
  await sink.send({ serverContent: { turnComplete: true }, usageMetadata: usage })
  if (isCutInPlayback || reply.lateInterrupted) await sink.onInterrupted({ isAfterTurnComplete: true })
  if (reply.resumptionUpdate ?? sink.wantsResumption) await sink.issueHandle()
  if (reply.inputTranscript && inputAt === 'afterTurnComplete') {
    await pause(reply.inputTranscriptDelayMs ?? 100)
    if (sink.isOpen()) await sendInput()
  }
  return isCutInPlayback ? 'interrupted' : 'complete'
}

/** The first usage report goes before any content (3.1 does so, live-protocol.md §4.2), the rest spread over the turn. */
function spreadUsage(steps: Step[], reports: Record<string, unknown>[], send: (usage: Record<string, unknown>) => Promise<void>): void {
  if (reports.length === 0) return
  const [first, ...rest] = reports
  const gap = Math.max(1, Math.floor(steps.length / (rest.length + 1)))
  rest.forEach((report, i) => steps.splice(Math.min(steps.length, (i + 1) * gap + i), 0, { run: () => send(report), delayMs: 0 }))
  steps.unshift({ run: () => send(first!), delayMs: null })
}

function realTimingOf(value: ReplyScript['realTiming']): Required<RealTiming> | null {
  if (!value) return null
  return { speedUp: (value === true ? undefined : value.speedUp) ?? DEFAULT_SPEED_UP }
}

function pcmMs(chunk: Uint8Array): number {
  return (chunk.byteLength / 2 / OUTPUT_RATE) * 1000
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}
