import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import wavefile from 'wavefile'

export interface SpeechWav {
  path: string
  sampleRate: number
  /** Mono samples, -1..1. */
  samples: Float32Array
  durationMs: number
}

/**
 * Speaks a sentence with espeak-ng into a WAV, padded with silence (sox) so the loop point of
 * Chromium's fake microphone is obvious. Made at test time: no binary media in the repo.
 */
export function makeSpeechWav(sentence: string, options: { padBeforeS?: number; padAfterS?: number } = {}): SpeechWav {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-speech-'))
  const raw = join(dir, 'raw.wav')
  const path = join(dir, 'speech.wav')
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, sentence])
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', path, 'pad', String(options.padBeforeS ?? 0.4), String(options.padAfterS ?? 1.2)])
  const wav = new wavefile.WaveFile(readFileSync(path))
  const sampleRate = (wav.fmt as { sampleRate: number }).sampleRate
  const ints = wav.getSamples(false, Int16Array) as unknown as Int16Array
  const samples = Float32Array.from(ints, (s) => s / 32768)
  return { path, sampleRate, samples, durationMs: (samples.length / sampleRate) * 1000 }
}

/** RMS loudness per window, in dB (floored at -90). */
export function loudnessEnvelope(samples: ArrayLike<number>, sampleRate: number, windowMs = 20): number[] {
  const size = Math.round((sampleRate * windowMs) / 1000)
  const out: number[] = []
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0
    for (let i = start; i < start + size; i++) sum += samples[i]! * samples[i]!
    out.push(Math.max(-90, 10 * Math.log10(sum / size + 1e-12)))
  }
  return out
}

/** PCM16 LE bytes to -1..1 samples. */
export function pcm16ToFloat(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Float32Array(bytes.byteLength >> 1)
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768
  return out
}

/**
 * The best Pearson correlation between `received` and any cyclic shift of `reference` (the fake
 * mic loops its file, and capture starts wherever the loop is).
 */
export function bestCyclicCorrelation(reference: number[], received: number[]): { correlation: number; lag: number } {
  const n = Math.min(reference.length, received.length)
  let best = { correlation: -1, lag: 0 }
  for (let lag = 0; lag < reference.length; lag++) {
    const a: number[] = []
    const b: number[] = []
    for (let i = 0; i < n; i++) {
      a.push(reference[(i + lag) % reference.length]!)
      b.push(received[i]!)
    }
    const c = pearson(a, b)
    if (c > best.correlation) best = { correlation: c, lag }
  }
  return best
}

/** Milliseconds of the envelope within `belowPeakDb` of its loudest window: how long speech lasts. */
export function activeMs(envelope: number[], windowMs = 20, belowPeakDb = 30): number {
  const peak = Math.max(...envelope)
  return envelope.filter((db) => db > peak - belowPeakDb).length * windowMs
}

function pearson(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length
  const ma = mean(a)
  const mb = mean(b)
  let num = 0
  let da = 0
  let db = 0
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (b[i]! - mb)
    da += (a[i]! - ma) ** 2
    db += (b[i]! - mb) ** 2
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db)
}
