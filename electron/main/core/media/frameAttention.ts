/**
 * When the model should be watching the shared screen: while the user speaks. On 3.x models
 * every frame sent is billed into the next turn (`turnCoverage` defaults to
 * TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO, docs/protocol.md §0.1), so frames between
 * questions cost tokens and tell the model nothing it will not see fresh when asked.
 *
 * Push-to-talk opens attention for the hold (activityStart to activityEnd). Hands-free has no
 * press, so each voiced microphone chunk ({@link isVoiced}) keeps it open for
 * {@link SPEECH_TAIL_MS} more; input transcription would be too late for this, arriving 3–8 s
 * after the words (wire sample u11). Pure state on injected time, so the policy is tested on a
 * manual clock.
 */
export class FrameAttention {
  private isHeld = false
  private speechUntil = Number.NEGATIVE_INFINITY

  constructor(private readonly speechTailMs = SPEECH_TAIL_MS) {}

  /** Push-to-talk pressed; answers whether attention was closed until now (a fresh frame is due). */
  startTalking(now: number): boolean {
    const wasOpen = this.isOpen(now)
    this.isHeld = true
    return !wasOpen
  }

  /** Push-to-talk released. Hands-free speech still heard keeps attention open until its tail ends. */
  stopTalking(): void {
    this.isHeld = false
  }

  /** The user's voice was heard (a voiced hands-free mic chunk); answers whether this opened attention. */
  heardSpeech(now: number): boolean {
    const wasOpen = this.isOpen(now)
    this.speechUntil = Math.max(this.speechUntil, now + this.speechTailMs)
    return !wasOpen
  }

  /** True while the user speaks: changed frames go to the model. */
  isOpen(now: number): boolean {
    return this.isHeld || now < this.speechUntil
  }

  /** A new session or share: nobody is speaking. */
  reset(): void {
    this.isHeld = false
    this.speechUntil = Number.NEGATIVE_INFINITY
  }
}

/**
 * How long hands-free attention stays open after the last voiced microphone chunk (ms): long
 * enough to bridge the pauses between a speaker's words, short enough not to watch the answer.
 */
export const SPEECH_TAIL_MS = 1_500

/** RMS (full scale 1) above which a mic chunk counts as voice: about -34 dBFS, above the noise the suppressor leaves. */
const VOICE_RMS = 0.02

/**
 * True when a 16 kHz PCM16 LE mic chunk carries voice by level alone. The page's capture runs
 * echo cancellation and noise suppression, so the model's own voice and room noise rarely pass.
 * Counts whole samples only; an odd trailing byte is ignored.
 */
export function isVoiced(pcm16k: Uint8Array): boolean {
  const samples = pcm16k.byteLength >> 1
  if (samples === 0) return false
  const view = new DataView(pcm16k.buffer, pcm16k.byteOffset, samples * 2)
  let sumSquares = 0
  for (let i = 0; i < samples; i++) {
    const value = view.getInt16(i * 2, true) / 32_768
    sumSquares += value * value
  }
  return Math.sqrt(sumSquares / samples) > VOICE_RMS
}
