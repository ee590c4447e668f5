import { speechLikePcm } from './audio'
import type { ReplyOutcome, ReplyScript } from './fakeLiveTypes'

/** What a reply needs from its connection. */
export interface ReplySink {
  send(message: object): Promise<void>
  isOpen(): boolean
  /** True once the user spoke (or sent activityStart) during this reply. */
  isInterruptRequested(): boolean
  readonly wantsResumption: boolean
  issueHandle(): Promise<void>
  onInterrupted(): Promise<void>
}

const OUTPUT_MIME = 'audio/pcm;rate=24000'
const OUTPUT_RATE = 24_000

/**
 * Streams one model turn in the order the real server uses (live-protocol.md §4.3) and stops
 * with `interrupted` + `turnComplete` (no generationComplete) when the user barges in.
 */
export async function streamReply(sink: ReplySink, reply: ReplyScript): Promise<ReplyOutcome> {
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, reply.chunkDelayMs ?? 0))
  const content = (serverContent: object) => sink.send({ serverContent })
  const steps: (() => Promise<void>)[] = []
  if (reply.inputTranscript) steps.push(() => content({ inputTranscription: { text: reply.inputTranscript, finished: true } }))
  for (const thought of reply.thoughts ?? []) steps.push(() => content({ modelTurn: { parts: [{ text: thought, thought: true }] } }))
  if (reply.executableCode) steps.push(() => content({ modelTurn: { parts: [{ executableCode: reply.executableCode }] } }))
  if (reply.codeResult) steps.push(() => content({ modelTurn: { parts: [{ codeExecutionResult: reply.codeResult }] } }))
  for (const chunk of asList(reply.text)) steps.push(() => content({ modelTurn: { parts: [{ text: chunk }] } }))

  const audio = reply.audio instanceof Uint8Array ? reply.audio : reply.audio ? speechLikePcm(reply.audio.ms, OUTPUT_RATE) : null
  const transcript = asList(reply.outputTranscript)
  if (audio) {
    const chunkBytes = Math.max(2, Math.round((OUTPUT_RATE * (reply.audioChunkMs ?? 100)) / 1000) * 2)
    const chunks: Uint8Array[] = []
    for (let at = 0; at < audio.byteLength; at += chunkBytes) chunks.push(audio.subarray(at, at + chunkBytes))
    chunks.forEach((chunk, i) => {
      steps.push(() => content({ modelTurn: { parts: [{ inlineData: { mimeType: OUTPUT_MIME, data: Buffer.from(chunk).toString('base64') } }] } }))
      // Spread the transcript over the audio: chunk i carries entries [i·T/C, (i+1)·T/C), so every entry goes out once.
      const from = Math.floor((i * transcript.length) / chunks.length)
      const to = Math.floor(((i + 1) * transcript.length) / chunks.length)
      const words = transcript.slice(from, to).join('')
      if (words) steps.push(() => content({ outputTranscription: { text: words } }))
    })
  } else {
    for (const words of transcript) steps.push(() => content({ outputTranscription: { text: words } }))
  }
  if (reply.grounding) {
    const { queries, sources } = reply.grounding
    steps.push(() => content({ groundingMetadata: { webSearchQueries: queries, groundingChunks: sources.map((web) => ({ web })) } }))
  }

  for (const step of steps) {
    await pause()
    if (!sink.isOpen()) return 'closed'
    if (sink.isInterruptRequested()) {
      await sink.onInterrupted()
      return 'interrupted'
    }
    await step()
  }
  await pause()
  if (!sink.isOpen()) return 'closed'
  if (sink.isInterruptRequested()) {
    await sink.onInterrupted()
    return 'interrupted'
  }
  if (reply.generationComplete !== false) await content({ generationComplete: true })
  if (reply.turnComplete === false) return 'complete'
  const textTokens = Math.ceil(asList(reply.text).join('').length / 4)
  const audioTokens = audio ? Math.ceil(audio.byteLength / 2 / OUTPUT_RATE / 0.04) : 0
  const usage = reply.usage ?? {
    promptTokenCount: 100,
    responseTokenCount: textTokens + audioTokens,
    totalTokenCount: 100 + textTokens + audioTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: 100 }],
    responseTokensDetails: [audio ? { modality: 'AUDIO', tokenCount: audioTokens } : { modality: 'TEXT', tokenCount: textTokens }],
  }
  await sink.send({ serverContent: { turnComplete: true }, usageMetadata: usage })
  if (reply.resumptionUpdate ?? sink.wantsResumption) await sink.issueHandle()
  return 'complete'
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}
