/** PCM16 helpers for the fake server: generated replies and a crude speech detector. */

/** A speech-like sound: a voiced tone with harmonics, pulsing in syllables, PCM16 LE mono. */
export function speechLikePcm(ms: number, sampleRate = 24_000, options: { frequency?: number; amplitude?: number } = {}): Uint8Array {
  const frequency = options.frequency ?? 180
  const amplitude = options.amplitude ?? 0.3
  const samples = Math.round((sampleRate * ms) / 1000)
  const out = new Uint8Array(samples * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate
    const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t)
    const voice = Math.sin(2 * Math.PI * frequency * t) + 0.5 * Math.sin(2 * Math.PI * 2 * frequency * t) + 0.25 * Math.sin(2 * Math.PI * 3 * frequency * t)
    const value = Math.max(-1, Math.min(1, (amplitude * syllable * voice) / 1.75))
    view.setInt16(i * 2, Math.round(value * 32767), true)
  }
  return out
}

/** Digital silence of the given length. */
export function silencePcm(ms: number, sampleRate = 16_000): Uint8Array {
  return new Uint8Array(Math.round((sampleRate * ms) / 1000) * 2)
}

/** Root-mean-square level of PCM16 LE audio, 0 (silence) to 1 (full scale). */
export function rmsOfPcm16(bytes: Uint8Array): number {
  const samples = Math.floor(bytes.byteLength / 2)
  if (samples === 0) return 0
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples * 2)
  let sum = 0
  for (let i = 0; i < samples; i++) {
    const s = view.getInt16(i * 2, true) / 32768
    sum += s * s
  }
  return Math.sqrt(sum / samples)
}

/** Milliseconds of audio in a PCM16 mono buffer at `sampleRate`. */
export function pcmDurationMs(bytes: number, sampleRate = 16_000): number {
  return (bytes / 2 / sampleRate) * 1000
}
