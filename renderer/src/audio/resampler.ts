/**
 * Streaming sample-rate conversion for the microphone path (device rate → 16 kHz), plus the
 * float ↔ PCM16 little-endian conversions the Live API wire format needs.
 *
 * A polyphase windowed-sinc (Kaiser) filter: the low-pass sits below the lower of the two
 * Nyquist rates, so content above 8 kHz in a 48 kHz microphone signal is removed before
 * decimation instead of folding back into the speech band (naive decimation would alias it).
 * Pure TypeScript with no DOM or Node, so the AudioWorklet imports it and unit tests run it in Node.
 */

/** Filter design knobs; the defaults keep ≤ 7 kHz flat (±0.1 dB) and ≥ 8.3 kHz below -70 dB at 16 kHz out. */
export interface ResamplerOptions {
  /** Pass-band edge as a fraction of the lower Nyquist rate (0–1). */
  passbandFraction?: number
  /** Stop-band edge as a fraction of the lower Nyquist rate; may exceed 1 slightly (then the band edge aliases onto itself). */
  stopbandFraction?: number
  /** Stop-band attenuation the Kaiser window is designed for, in dB. */
  attenuationDb?: number
}

/** More phases than this are interpolated linearly between neighbours instead of tabulated exactly. */
const MAX_PHASES = 1024

/**
 * Converts a stream of float samples from `inputRate` to `outputRate`, one block at a time.
 * State carries across blocks, so how the input is chunked never changes the output.
 * The output is time-aligned with the input (zero group delay); the cost is a look-ahead of
 * {@link StreamingResampler.lookaheadSamples} input samples before an output sample can be made.
 */
export class StreamingResampler {
  readonly inputRate: number
  readonly outputRate: number
  /** Input samples that must arrive after an instant before the output at that instant exists. */
  readonly lookaheadSamples: number

  private readonly isPassthrough: boolean
  /** Output step in input samples is `step / upFactor` (`step` = M, `upFactor` = L in polyphase terms). */
  private readonly upFactor: number
  private readonly step: number
  private readonly halfTaps: number
  private readonly phases: number
  private readonly table: Float32Array
  private history: Float32Array
  /** Samples in `history`; history[0] holds absolute input index `historyStart`. */
  private historyLength = 0
  private historyStart = 0
  /** Position of the next output sample: `nextIndex + nextFraction / upFactor` in input samples. */
  private nextIndex = 0
  private nextFraction = 0
  private output: Float32Array = new Float32Array(0)
  private inputCount = 0

  constructor(inputRate: number, outputRate: number, options: ResamplerOptions = {}) {
    if (!Number.isInteger(inputRate) || !Number.isInteger(outputRate) || inputRate <= 0 || outputRate <= 0) {
      throw new RangeError(`sample rates must be positive integers (got ${inputRate} → ${outputRate})`)
    }
    this.inputRate = inputRate
    this.outputRate = outputRate
    this.isPassthrough = inputRate === outputRate
    const divisor = gcd(inputRate, outputRate)
    this.upFactor = outputRate / divisor
    this.step = inputRate / divisor

    const passband = options.passbandFraction ?? 0.875
    const stopband = options.stopbandFraction ?? 1.04
    const attenuation = options.attenuationDb ?? 80
    // Frequencies in cycles per input sample.
    const lowerNyquist = Math.min(inputRate, outputRate) / 2
    const passHz = passband * lowerNyquist
    const stopHz = stopband * lowerNyquist
    const cutoff = (passHz + stopHz) / 2 / inputRate
    const transition = (stopHz - passHz) / inputRate
    const beta = kaiserBeta(attenuation)
    // Kaiser's length estimate, in input samples; even so taps split evenly around the centre.
    const length = Math.ceil((attenuation - 7.95) / (14.36 * transition)) + 1
    this.halfTaps = this.isPassthrough ? 0 : Math.max(2, Math.ceil(length / 2))
    this.lookaheadSamples = this.halfTaps
    this.phases = Math.min(this.upFactor, MAX_PHASES)
    this.table = this.isPassthrough ? new Float32Array(0) : buildTable(this.phases, this.halfTaps, cutoff, beta)

    this.history = new Float32Array(Math.max(1024, 4 * this.halfTaps))
    this.reset()
  }

  /** Forgets all past input, as if the stream started again. */
  reset(): void {
    // The first outputs look back at samples before the stream began: treat them as silence.
    this.history.fill(0)
    this.historyLength = Math.max(0, this.halfTaps - 1)
    this.historyStart = -this.historyLength
    this.nextIndex = 0
    this.nextFraction = 0
    this.inputCount = 0
  }

  /** Input samples received since the stream began (or the last reset). */
  get inputSamples(): number {
    return this.inputCount
  }

  /**
   * Where the next output sample sits on the input timeline, in input samples since the stream
   * began; each later output is `inputRate / outputRate` further on. Lets a caller timestamp output.
   */
  get nextOutputPosition(): number {
    return this.isPassthrough ? this.inputCount : this.nextIndex + this.nextFraction / this.upFactor
  }

  /**
   * Resamples one block. The returned array is a view into a buffer this resampler reuses:
   * copy or consume it before the next call (the audio thread must not allocate per block).
   */
  process(input: Float32Array): Float32Array {
    this.inputCount += input.length
    if (this.isPassthrough) {
      this.ensureOutput(input.length)
      this.output.set(input)
      return this.output.subarray(0, input.length)
    }
    this.append(input)
    const lastAvailable = this.historyStart + this.historyLength - 1
    // Upper bound on outputs this block can yield, so the output buffer is sized once.
    const maxOut = Math.ceil(((lastAvailable - this.halfTaps - this.nextIndex + 1) * this.upFactor) / this.step) + 1
    this.ensureOutput(Math.max(0, maxOut))
    const taps = this.halfTaps * 2
    const { table, history, phases, upFactor, step } = this
    const interpolate = phases !== upFactor
    let produced = 0
    while (this.nextIndex + this.halfTaps <= lastAvailable) {
      const first = this.nextIndex - this.halfTaps + 1 - this.historyStart
      let sum = 0
      if (!interpolate) {
        const row = this.nextFraction * taps
        for (let m = 0; m < taps; m++) sum += history[first + m]! * table[row + m]!
      } else {
        const exact = (this.nextFraction * phases) / upFactor
        const phase = Math.floor(exact)
        const weight = exact - phase
        const rowA = phase * taps
        const rowB = (phase + 1) * taps
        for (let m = 0; m < taps; m++) {
          const x = history[first + m]!
          sum += x * (table[rowA + m]! + weight * (table[rowB + m]! - table[rowA + m]!))
        }
      }
      this.output[produced++] = sum
      this.nextFraction += step
      this.nextIndex += Math.floor(this.nextFraction / upFactor)
      this.nextFraction %= upFactor
    }
    this.discardConsumed()
    return this.output.subarray(0, produced)
  }

  private append(input: Float32Array): void {
    const needed = this.historyLength + input.length
    if (needed > this.history.length) {
      const grown = new Float32Array(Math.max(needed, this.history.length * 2))
      grown.set(this.history.subarray(0, this.historyLength))
      this.history = grown
    }
    this.history.set(input, this.historyLength)
    this.historyLength += input.length
  }

  /** Keeps only the samples the next output still needs. */
  private discardConsumed(): void {
    const keepFrom = this.nextIndex - this.halfTaps + 1
    const drop = Math.min(this.historyLength, Math.max(0, keepFrom - this.historyStart))
    if (drop === 0) return
    this.history.copyWithin(0, drop, this.historyLength)
    this.historyLength -= drop
    this.historyStart += drop
  }

  private ensureOutput(length: number): void {
    if (this.output.length < length) this.output = new Float32Array(Math.max(length, this.output.length * 2, 64))
  }
}

/**
 * Row `p` holds the taps for an output that falls `p / phases` of an input sample after
 * input index i; tap m multiplies input i - halfTaps + 1 + m. Each row is normalised to unit
 * DC gain so a constant input never ripples. One spare row (phase = 1.0) lets the
 * interpolating path read `phase + 1` without a branch.
 */
function buildTable(phases: number, halfTaps: number, cutoff: number, beta: number): Float32Array {
  const taps = halfTaps * 2
  const table = new Float32Array((phases + 1) * taps)
  const norm = besselI0(beta)
  for (let p = 0; p <= phases; p++) {
    const offset = p / phases
    let sum = 0
    for (let m = 0; m < taps; m++) {
      const t = offset + halfTaps - 1 - m
      const ratio = t / halfTaps
      const window = Math.abs(ratio) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - ratio * ratio)) / norm
      const value = 2 * cutoff * sinc(2 * cutoff * t) * window
      table[p * taps + m] = value
      sum += value
    }
    for (let m = 0; m < taps; m++) table[p * taps + m]! /= sum
  }
  return table
}

function sinc(x: number): number {
  if (x === 0) return 1
  const px = Math.PI * x
  return Math.sin(px) / px
}

/** Kaiser's β for a stop-band attenuation in dB. */
function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7)
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21)
  return 0
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for the β we use). */
function besselI0(x: number): number {
  let sum = 1
  let term = 1
  const half = x / 2
  for (let k = 1; k < 50; k++) {
    term *= (half / k) * (half / k)
    sum += term
    if (term < sum * 1e-12) break
  }
  return sum
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b]
  return a
}

/**
 * Writes float samples as PCM16 little-endian into `target` starting at byte `byteOffset`.
 * Values beyond ±1 clip to the PCM16 limits; NaN becomes silence. Returns bytes written.
 */
export function writePcm16Le(samples: Float32Array, target: DataView, byteOffset = 0): number {
  for (let i = 0; i < samples.length; i++) target.setInt16(byteOffset + i * 2, floatToPcm16Sample(samples[i]!), true)
  return samples.length * 2
}

/** Float samples as a fresh PCM16 little-endian byte array (the wire format for `audio/pcm;rate=16000`). */
export function floatToPcm16Le(samples: Float32Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2)
  writePcm16Le(samples, new DataView(bytes.buffer))
  return bytes
}

/** One float sample as a PCM16 value: clipped to [-32768, 32767], rounded to nearest. */
export function floatToPcm16Sample(sample: number): number {
  if (!(sample === sample)) return 0
  const clipped = sample < -1 ? -1 : sample > 1 ? 1 : sample
  return clipped < 0 ? Math.round(clipped * 0x8000) : Math.round(clipped * 0x7fff)
}

/** PCM16 little-endian bytes (an odd trailing byte is ignored) as floats in [-1, 1], scaled as {@link floatToPcm16Sample} writes them. */
export function pcm16LeToFloat(bytes: Uint8Array, target?: Float32Array): Float32Array {
  const count = bytes.byteLength >> 1
  const out = target && target.length >= count ? target.subarray(0, count) : new Float32Array(count)
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2)
  for (let i = 0; i < count; i++) {
    const value = view.getInt16(i * 2, true)
    out[i] = value < 0 ? value / 0x8000 : value / 0x7fff
  }
  return out
}
