import type { PreviewLanguage } from '../voices/previewSentence'

/** A voice preview: mono 16-bit little-endian PCM as the Live API speaks it (24 kHz, live-protocol.md §4). */
export interface VoiceSample {
  pcm: Uint8Array<ArrayBuffer>
  sampleRate: number
}

/**
 * Where voice previews are kept between runs (WAV files in the user-data folder in production).
 * `read` resolves null for a sample never made and for a damaged one, which it removes so the
 * next preview makes it again.
 */
export interface VoiceSampleCache {
  read(voice: string, language: PreviewLanguage): Promise<VoiceSample | null>
  write(voice: string, language: PreviewLanguage, sample: VoiceSample): Promise<void>
}
