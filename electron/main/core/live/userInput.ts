import type { LiveModel } from '../../../../shared/modelCatalogue'
import type { Settings } from '../../../../shared/settings'
import type { ConversationMemory } from './conversationMemory'
import type { InputPump, PendingInput } from './inputPump'
import type { LiveSessionEvents } from './liveSessionEvents'
import type { StallWatch } from './stallWatch'
import type { TurnTracker } from './turnTracker'

const AUDIO_IN_MIME = 'audio/pcm;rate=16000'

/**
 * Turns what the user does (speaks, types, shares the screen, holds the hotkey) into Live input
 * for the pump, sending only what the server accepts in the current mode: activity signals only
 * with automatic VAD off, `audioStreamEnd` only with it on (live-protocol.md §3.3).
 */
export class UserInput {
  /** Between activityStart and activityEnd (push-to-talk held). */
  isSpeaking = false

  constructor(
    private readonly deps: {
      pump: InputPump
      turns: TurnTracker
      memory: ConversationMemory
      stall: StallWatch
      onTranscript: LiveSessionEvents['onTranscript']
    },
  ) {}

  audio(pcm16k: Uint8Array): void {
    this.deps.pump.push({ kind: 'audio', input: { audio: { data: toBase64(pcm16k), mimeType: AUDIO_IN_MIME } } })
  }

  video(jpeg: Uint8Array): void {
    this.deps.pump.push({ kind: 'video', input: { video: { data: toBase64(jpeg), mimeType: 'image/jpeg' } } })
  }

  /** A `clientContent` turn, or `realtimeInput.text` on models that refuse mid-session `clientContent`. */
  text(text: string, model: LiveModel): void {
    const turnId = this.deps.turns.current()
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
    this.deps.turns.current()
    this.deps.pump.push({ kind: 'control', input: { activityStart: {} } })
  }

  activityEnd(settings: Settings): void {
    if (settings.vad.mode !== 'push-to-talk') return
    this.isSpeaking = false
    this.deps.pump.push({ kind: 'control', input: { activityEnd: {} } })
    this.deps.stall.expectTraffic()
  }

  audioStreamEnd(settings: Settings): void {
    if (settings.vad.mode !== 'hands-free') return
    this.deps.pump.push({ kind: 'control', input: { audioStreamEnd: true } })
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
