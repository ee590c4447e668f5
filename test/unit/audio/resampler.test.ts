import { describe, expect, it } from 'vitest'
import {
  StreamingResampler,
  floatToPcm16Le,
  floatToPcm16Sample,
  pcm16LeToFloat,
  writePcm16Le,
} from '../../../renderer/src/audio/resampler'

const OUT = 16_000

function tone(rate: number, frequency: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(rate * seconds))
  for (let i = 0; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate)
  return samples
}

/** Amplitude of the component at `frequency` (Goertzel over a whole window, Hann-weighted so leakage from other tones stays out). */
function amplitudeAt(samples: Float32Array, rate: number, frequency: number): number {
  const n = samples.length
  let re = 0
  let im = 0
  let windowSum = 0
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1))
    const phase = (2 * Math.PI * frequency * i) / rate
    re += samples[i]! * w * Math.cos(phase)
    im -= samples[i]! * w * Math.sin(phase)
    windowSum += w
  }
  return (2 * Math.hypot(re, im)) / windowSum
}

function rms(samples: Float32Array): number {
  let sum = 0
  for (const s of samples) sum += s * s
  return Math.sqrt(sum / samples.length)
}

const db = (ratio: number) => 20 * Math.log10(ratio)

/** Resamples a whole signal in blocks of `block` samples (the render quantum by default). */
function resampleAll(resampler: StreamingResampler, input: Float32Array, block = 128): Float32Array {
  const parts: number[] = []
  for (let start = 0; start < input.length; start += block) parts.push(...resampler.process(input.subarray(start, start + block)))
  return Float32Array.from(parts)
}

/** The steady middle of a signal, away from the start-up and end transients. */
function steady(samples: Float32Array): Float32Array {
  const margin = Math.floor(samples.length * 0.1)
  return samples.subarray(margin, samples.length - margin)
}

describe.each([48_000, 44_100, 96_000, 32_000])('resampling a %i Hz microphone to 16 kHz', (rate) => {
  it('keeps speech-band tones (50 Hz – 7 kHz) within ±1 dB and at their own frequency', () => {
    for (const frequency of [50, 200, 440, 1000, 2500, 4000, 5500, 6500, 7000]) {
      const output = steady(resampleAll(new StreamingResampler(rate, OUT), tone(rate, frequency, 0.5)))
      const gain = db(amplitudeAt(output, OUT, frequency) / 0.5)
      expect(Math.abs(gain), `${frequency} Hz gain ${gain.toFixed(2)} dB`).toBeLessThanOrEqual(1)
    }
  })

  it('keeps tones above 8 kHz (9–20 kHz) from aliasing into the output: at least 40 dB down', () => {
    for (const frequency of [9000, 10_000, 12_000, 15_000, 18_000, 20_000].filter((f) => f < rate / 2)) {
      const output = steady(resampleAll(new StreamingResampler(rate, OUT), tone(rate, frequency, 0.5)))
      // Where naive decimation would fold the tone: |f - k·16 kHz| for the nearest k.
      const alias = Math.abs(frequency - Math.round(frequency / OUT) * OUT)
      expect(db(amplitudeAt(output, OUT, alias) / 0.5), `${frequency} Hz → alias at ${alias} Hz`).toBeLessThan(-40)
      expect(db(rms(output) / (0.5 / Math.SQRT2)), `${frequency} Hz total leakage`).toBeLessThan(-40)
    }
  })
})

describe('a logarithmic sine sweep from 20 Hz to 20 kHz at 48 kHz', () => {
  const rate = 48_000
  const seconds = 4
  const [f0, f1] = [20, 20_000]
  const k = Math.log(f1 / f0) / seconds
  const sweep = new Float32Array(rate * seconds)
  for (let i = 0; i < sweep.length; i++) sweep[i] = 0.5 * Math.sin(((2 * Math.PI * f0) / k) * (Math.exp((k * i) / rate) - 1))
  /** Instantaneous frequency of the sweep at output sample n. */
  const frequencyAt = (n: number) => f0 * Math.exp((k * n) / OUT)
  const output = resampleAll(new StreamingResampler(rate, OUT), sweep)
  const window = 320

  /** RMS of the output in 20 ms windows, paired with the sweep's frequency at the window centre. */
  const windows = Array.from({ length: Math.floor(output.length / window) }, (_, w) => ({
    frequency: frequencyAt(w * window + window / 2),
    level: rms(output.subarray(w * window, (w + 1) * window)),
  }))

  it('comes out at 16 kHz with the same duration', () => {
    expect(Math.abs(output.length - seconds * OUT)).toBeLessThanOrEqual(200)
  })

  it('passes the sweep between 100 Hz and 7 kHz within ±1 dB', () => {
    const band = windows.filter((w) => w.frequency >= 100 && w.frequency <= 7000)
    expect(band.length).toBeGreaterThan(50)
    for (const w of band) expect(Math.abs(db(w.level / (0.5 / Math.SQRT2))), `${w.frequency.toFixed(0)} Hz`).toBeLessThan(1)
  })

  it('silences the sweep above 9 kHz instead of folding it back: at least 40 dB down', () => {
    const stop = windows.filter((w) => w.frequency >= 9000 && w.frequency <= 19_500)
    expect(stop.length).toBeGreaterThan(20)
    for (const w of stop) expect(db(w.level / (0.5 / Math.SQRT2)), `${w.frequency.toFixed(0)} Hz`).toBeLessThan(-40)
  })
})

describe('streaming', () => {
  it('gives the same samples however the input is chunked', () => {
    const input = tone(44_100, 440, 0.3)
    for (let i = 0; i < input.length; i++) input[i]! += 0.3 * Math.sin(i * 0.37) * Math.cos(i * 0.011)
    const whole = resampleAll(new StreamingResampler(44_100, OUT), input, input.length)
    for (const block of [1, 7, 128, 441, 1000, 4096]) {
      const chunked = resampleAll(new StreamingResampler(44_100, OUT), input, block)
      expect(chunked.length, `block ${block}`).toBe(whole.length)
      let worst = 0
      for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs(chunked[i]! - whole[i]!))
      expect(worst, `block ${block}`).toBeLessThan(1e-6)
    }
  })

  it('produces exactly one output sample per three input samples at 48 kHz, with a bounded look-ahead', () => {
    const resampler = new StreamingResampler(48_000, OUT)
    let produced = 0
    for (let block = 0; block < 375; block++) produced += resampler.process(new Float32Array(128)).length
    const consumed = 375 * 128
    expect(produced).toBe(Math.floor((consumed - resampler.lookaheadSamples - 1) / 3) + 1)
    // The filter's look-ahead is the only delay it adds: a few milliseconds, well inside one 20 ms chunk.
    expect(resampler.lookaheadSamples / 48_000).toBeLessThan(0.005)
  })

  it('tells where its next output sits on the input timeline, so chunks can be timestamped', () => {
    const resampler = new StreamingResampler(44_100, OUT)
    expect(resampler.nextOutputPosition).toBe(0)
    const produced = resampler.process(new Float32Array(4410)).length
    expect(resampler.inputSamples).toBe(4410)
    expect(resampler.nextOutputPosition).toBeCloseTo((produced * 44_100) / OUT, 9)
    const passthrough = new StreamingResampler(OUT, OUT)
    passthrough.process(new Float32Array(100))
    expect(passthrough.nextOutputPosition).toBe(100)
  })

  it('keeps the signal time-aligned: a 1 kHz tone comes out in phase', () => {
    const output = resampleAll(new StreamingResampler(48_000, OUT), tone(48_000, 1000, 0.2))
    const expected = tone(OUT, 1000, 0.2)
    for (let n = 400; n < 3000; n++) expect(Math.abs(output[n]! - expected[n]!)).toBeLessThan(0.005)
  })

  it('starts again from silence after reset', () => {
    const resampler = new StreamingResampler(48_000, OUT)
    const first = Float32Array.from(resampleAll(resampler, tone(48_000, 300, 0.1)))
    resampler.reset()
    const second = resampleAll(resampler, tone(48_000, 300, 0.1))
    expect(Array.from(second)).toEqual(Array.from(first))
  })

  it('passes 16 kHz input through untouched', () => {
    const input = tone(OUT, 1234, 0.05)
    expect(Array.from(resampleAll(new StreamingResampler(OUT, OUT), input))).toEqual(Array.from(input))
  })

  it('upsamples an 8 kHz headset microphone to 16 kHz without imaging', () => {
    const output = steady(resampleAll(new StreamingResampler(8000, OUT), tone(8000, 1000, 0.5)))
    expect(Math.abs(db(amplitudeAt(output, OUT, 1000) / 0.5))).toBeLessThan(1)
    expect(db(amplitudeAt(output, OUT, 7000) / 0.5)).toBeLessThan(-40)
  })

  it('rejects rates that are not positive integers', () => {
    expect(() => new StreamingResampler(0, OUT)).toThrow(RangeError)
    expect(() => new StreamingResampler(44_100.5, OUT)).toThrow(RangeError)
  })
})

describe('PCM16 little-endian conversion', () => {
  it('clips beyond full scale instead of wrapping around', () => {
    expect(floatToPcm16Sample(1)).toBe(32767)
    expect(floatToPcm16Sample(1.5)).toBe(32767)
    expect(floatToPcm16Sample(-1)).toBe(-32768)
    expect(floatToPcm16Sample(-7)).toBe(-32768)
    expect(floatToPcm16Sample(Number.POSITIVE_INFINITY)).toBe(32767)
    expect(floatToPcm16Sample(Number.NaN)).toBe(0)
    expect(floatToPcm16Sample(0)).toBe(0)
    expect(floatToPcm16Sample(0.5)).toBe(16384)
  })

  it('writes low byte first', () => {
    const bytes = floatToPcm16Le(Float32Array.from([1, -1, 0, 0.5, 2]))
    expect(Array.from(bytes)).toEqual([0xff, 0x7f, 0x00, 0x80, 0x00, 0x00, 0x00, 0x40, 0xff, 0x7f])
  })

  it('writes at an offset inside a larger buffer', () => {
    const bytes = new Uint8Array(8)
    expect(writePcm16Le(Float32Array.from([-0.5]), new DataView(bytes.buffer), 4)).toBe(2)
    expect(Array.from(bytes)).toEqual([0, 0, 0, 0, 0x00, 0xc0, 0, 0])
  })

  it('reads back what it wrote, to within half a PCM16 step', () => {
    const input = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i / 7) * 0.9)
    const back = pcm16LeToFloat(floatToPcm16Le(input))
    for (let i = 0; i < input.length; i++) expect(Math.abs(back[i]! - input[i]!)).toBeLessThanOrEqual(0.5 / 32767 + 1e-9)
  })

  it('reads PCM16 from a view that starts at an odd offset of its buffer', () => {
    const buffer = new Uint8Array([9, 0x00, 0x40, 0x00, 0xc0])
    expect(Array.from(pcm16LeToFloat(buffer.subarray(1)))).toEqual([Math.fround(0x4000 / 0x7fff), -0.5])
  })
})
