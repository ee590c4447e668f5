import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Settings } from '../../../../../shared/settings'
import type { Clock, TimerHandle } from '../../ports'
import type { ConversationMemory } from '../conversation/conversationMemory'
import type { InputPump, PendingInput } from './inputPump'
import type { LiveSessionEvents } from '../liveSessionEvents'
import type { StallWatch } from '../recovery/stallWatch'
import type { TurnTracker } from '../conversation/turnTracker'

const AUDIO_IN_MIME = 'audio/pcm;rate=16000'

/** Hands-free: a mic stream silent this long has paused, and the API wants `audioStreamEnd` so it flushes what it cached. */
export const STREAM_PAUSE_MS = 1_000

/**
 * Turns what the user does (speaks, types, shares the screen, holds the hotkey) into Live input
 * for the pump, sending only what the server accepts in the current mode: activity signals only
 * with automatic VAD off, `audioStreamEnd` only with it on (docs/protocol.md §3.3).
 */
export class UserInput {
  /** Between activityStart and activityEnd (push-to-talk held). */
  isSpeaking = false
  private pauseWatch: TimerHandle | null = null
  /** audioStreamEnd was the last thing said about the mic: stop, mute and the pause watch must not repeat it. */
  private isStreamEnded = false

  constructor(
    private readonly deps: {
      pump: InputPump
      turns: TurnTracker
      memory: ConversationMemory
      stall: StallWatch
      clock: Clock
      onTranscript: LiveSessionEvents['onTranscript']
    },
  ) {}

  /**
   * One mic chunk. Hands-free, the stream also ends by itself when chunks stop coming for
   * {@link STREAM_PAUSE_MS} while talking is still on (the mic or its device stalled), not only
   * when the user stops or mutes.
   */
  audio(pcm16k: Uint8Array, settings: Settings): void {
    this.deps.pump.push({ kind: 'audio', input: { audio: { data: toBase64(pcm16k), mimeType: AUDIO_IN_MIME } } })
    if (settings.vad.mode !== 'hands-free') return
    this.isStreamEnded = false
    this.cancelPauseWatch()
    this.pauseWatch = this.deps.clock.setTimeout(() => {
      this.pauseWatch = null
      this.audioStreamEnd(settings)
    }, STREAM_PAUSE_MS)
  }

  video(jpeg: Uint8Array): void {
    this.deps.pump.push({ kind: 'video', input: { video: { data: toBase64(jpeg), mimeType: 'image/jpeg' } } })
  }

  /** A `clientContent` turn, or `realtimeInput.text` on models that refuse mid-session `clientContent`. */
  text(text: string, model: LiveModel): void {
    const exchange = this.deps.turns.startUserTurn(this.deps.clock.now())
    exchange.userText += text
    const turnId = exchange.id
    this.deps.memory.add(turnId, 'user', text)
    this.deps.onTranscript({ turnId, role: 'user', kind: 'text', text })
    const item: PendingInput = model.acceptsClientContent
      ? { kind: 'content', content: { turns: [{ role: 'user', parts: [{ text }] }], turnComplete: true } }
      : { kind: 'control', input: { text } }
    this.deps.pump.push(item)
    this.deps.stall.expectTraffic()
  }

  activityStart(settings: Settings): void {
    if (settings.vad.mode !== 'push-to-talk') return
    this.isSpeaking = true
    this.deps.turns.startUserTurn(this.deps.clock.now())
    this.deps.pump.push({ kind: 'control', input: { activityStart: {} } })
  }

  activityEnd(settings: Settings): void {
    if (settings.vad.mode !== 'push-to-talk') return
    this.isSpeaking = false
    this.deps.pump.push({ kind: 'control', input: { activityEnd: {} } })
    this.deps.stall.expectTraffic()
  }

  /** Once per pause: the user stopped or muted the mic, or it went quiet for {@link STREAM_PAUSE_MS}. */
  audioStreamEnd(settings: Settings): void {
    if (settings.vad.mode !== 'hands-free' || this.isStreamEnded) return
    this.isStreamEnded = true
    this.cancelPauseWatch()
    this.deps.pump.push({ kind: 'control', input: { audioStreamEnd: true } })
  }

  /** The session ended or sleeps: no stream is left to end. */
  cancelPauseWatch(): void {
    if (this.pauseWatch) this.deps.clock.clearTimeout(this.pauseWatch)
    this.pauseWatch = null
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
