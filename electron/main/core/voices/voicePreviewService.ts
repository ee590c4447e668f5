import { DEFAULT_MODEL_ID, findModel, MODELS, type LiveModel } from '../../../../shared/modelCatalogue'
import type { Clock, LiveConnection, LiveTransport, Logger, TimerHandle } from '../ports'
import { classifyClose } from '../live/recovery/closeCodes'
import { LiveTransportError } from '../live/liveErrors'
import type { LiveConfig, LiveServerMessage } from '../live/liveTypes'
import { previewLanguageOf, previewSentence, type PreviewLanguage } from './previewSentence'
import type { VoiceSample, VoiceSampleCache } from '../ports'

/** Why a preview could not be played; the message says it to the user. */
export type VoicePreviewFailure = {
  ok: false
  reason: 'NO_KEY' | 'OFFLINE' | 'KEY_REFUSED' | 'UNKNOWN_VOICE' | 'FAILED'
  message: string
}
export type VoicePreviewResult = ({ ok: true; fromCache: boolean } & VoiceSample) | VoicePreviewFailure

/** Live speaks 24 kHz 16-bit mono (live-protocol.md §4); a mime type without a rate means this. */
const OUTPUT_RATE = 24_000
/** A preview sentence lasts a few seconds; more than this is not a preview and is not kept. */
const MAX_SAMPLE_SECONDS = 30

/**
 * Voice previews for Settings: the first play of a voice opens its own short Live session (never
 * the user's conversation) in that voice, asks it to say one sentence in the UI language, keeps
 * the audio in the cache, and closes. Later plays come from the cache. Concurrent plays of the
 * same voice and language share one session. Never throws: every failure is a
 * {@link VoicePreviewFailure} with a reason.
 */
export class VoicePreviewService {
  private readonly inFlight = new Map<string, Promise<VoicePreviewResult>>()

  constructor(
    private readonly deps: {
      transport: LiveTransport
      cache: VoiceSampleCache
      /** The key, or null when none is set (KeyService.getKey). */
      getKey(): Promise<string | null>
      /** The model the user chose (settings.model); a model that cannot speak this voice is swapped for one that can. */
      currentModelId(): string
      clock: Clock
      logger: Logger
      timeoutMs?: number
    },
  ) {}

  /** The preview of `voice` in the language of `locale` (BCP-47; unknown → English). */
  preview(voice: string, locale: string): Promise<VoicePreviewResult> {
    const language = previewLanguageOf(locale)
    const id = `${voice}/${language}`
    const running = this.inFlight.get(id)
    if (running) return running
    const made = this.make(voice, language).finally(() => this.inFlight.delete(id))
    this.inFlight.set(id, made)
    return made
  }

  private async make(voice: string, language: PreviewLanguage): Promise<VoicePreviewResult> {
    const model = this.modelFor(voice)
    if (!model) return { ok: false, reason: 'UNKNOWN_VOICE', message: `No Live model speaks with the voice "${voice}".` }
    const cached = await this.deps.cache.read(voice, language)
    if (cached) return { ok: true, fromCache: true, ...cached }
    let key: string | null
    try {
      key = await this.deps.getKey()
    } catch (error) {
      return { ok: false, reason: 'NO_KEY', message: `The API key could not be read: ${messageOf(error)}` }
    }
    if (!key) return { ok: false, reason: 'NO_KEY', message: 'Add your Gemini API key first: a preview is made by Gemini the first time.' }
    try {
      const sample = await this.record(key, model, voice, previewSentence(language, voice))
      await this.deps.cache.write(voice, language, sample).catch((error: unknown) => {
        this.deps.logger.warn('voice preview not cached', { voice, language, error: messageOf(error) })
      })
      return { ok: true, fromCache: false, ...sample }
    } catch (error) {
      const failure = failureOf(error)
      // The page words the reason code in the UI language; the engine's or server's own words stay here.
      this.deps.logger.warn('voice preview failed', { voice, reason: failure.reason, error: failure.message })
      return failure
    }
  }

  private modelFor(voice: string): LiveModel | undefined {
    const speaks = (model: LiveModel | undefined) => model?.modalities.includes('AUDIO') && model.voices.includes(voice)
    const chosen = findModel(this.deps.currentModelId())
    if (speaks(chosen)) return chosen
    const fallback = findModel(DEFAULT_MODEL_ID)
    return speaks(fallback) ? fallback : MODELS.find(speaks)
  }

  /** One short session: setup in the voice, one user turn, audio until turnComplete, close. */
  private async record(apiKey: string, model: LiveModel, voice: string, sentence: string): Promise<VoiceSample> {
    const config: LiveConfig = {
      responseModalities: ['AUDIO'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: voice } } },
      systemInstruction: 'Read the user\'s text aloud exactly as written, in its language, and say nothing else.',
    }
    const chunks: Uint8Array[] = []
    let bytes = 0
    let sampleRate = OUTPUT_RATE
    let connection: LiveConnection | null = null
    let isSettled = false
    let timer: TimerHandle | null = null
    const timeoutMs = this.deps.timeoutMs ?? 20_000
    try {
      return await new Promise<VoiceSample>((resolve, reject) => {
        timer = this.deps.clock.setTimeout(() => reject(new LiveTransportError(null, `no preview within ${timeoutMs} ms`)), timeoutMs)
        const onMessage = (message: LiveServerMessage) => {
          for (const part of message.serverContent?.modelTurn?.parts ?? []) {
            const blob = part.inlineData
            if (!blob?.data || !blob.mimeType?.startsWith('audio/pcm')) continue
            sampleRate = Number(/rate=(\d+)/.exec(blob.mimeType)?.[1] ?? OUTPUT_RATE)
            const pcm = new Uint8Array(Buffer.from(blob.data, 'base64'))
            bytes += pcm.byteLength
            if (bytes > MAX_SAMPLE_SECONDS * sampleRate * 2) return reject(new Error(`the preview ran past ${MAX_SAMPLE_SECONDS} s`))
            chunks.push(pcm)
          }
          if (message.serverContent?.turnComplete) {
            if (bytes === 0) reject(new Error('the model answered without audio'))
            else resolve({ pcm: concat(chunks, bytes), sampleRate })
          }
        }
        const onClose = (code: number, reason: string) => reject(new LiveTransportError(code, reason))
        this.deps.transport
          .connect({ apiKey, model: model.id, apiVersion: 'v1beta', config }, { onMessage, onClose, onError: () => {} })
          .then((opened) => {
            // A connect that lands after the deadline is closed at once and never used.
            if (isSettled) return opened.close()
            connection = opened
            if (model.acceptsClientContent) opened.sendClientContent({ turns: [{ role: 'user', parts: [{ text: sentence }] }], turnComplete: true })
            else opened.sendRealtimeInput({ text: sentence })
          }, reject)
      })
    } finally {
      isSettled = true
      if (timer) this.deps.clock.clearTimeout(timer)
      ;(connection as LiveConnection | null)?.close()
    }
  }
}

function failureOf(error: unknown): VoicePreviewFailure {
  if (!(error instanceof LiveTransportError)) return { ok: false, reason: 'FAILED', message: `The preview could not be made: ${messageOf(error)}` }
  // A socket that never reached setupComplete (refused, reset, 1006) is what being offline looks like.
  const verdict = classifyClose(error.closeCode, error.reason)
  if (verdict.kind === 'dropped') return { ok: false, reason: 'OFFLINE', message: `The Live API cannot be reached (offline?): ${error.reason || error.message}` }
  if (verdict.kind === 'badKey') return { ok: false, reason: 'KEY_REFUSED', message: 'Google did not accept the API key, so no preview can be made.' }
  return { ok: false, reason: 'FAILED', message: verdict.error.message }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
