/**
 * The microphone's AudioWorklet: mixes to mono, applies the duck gain, resamples the device
 * rate to 16 kHz through {@link StreamingResampler}, and posts PCM16 LE chunks of a fixed length
 * (20 ms by default) with their level. Loaded by URL (`?worker&url`), never inline: the CSP
 * allows only same-origin scripts.
 */
import { StreamingResampler, writePcm16Le } from '../resampler'
import { CAPTURE_PROCESSOR, type CaptureChunkMessage, type CaptureCommand, type CaptureProcessorOptions } from '../workletMessages'
import { worklet, type ProcessorConstructorOptions } from './workletScope'

/** Gain ramps toward its target with this time constant (seconds), so ducking never clicks. */
const GAIN_SMOOTHING_SECONDS = 0.005

class CaptureProcessor extends worklet.AudioWorkletProcessor {
  private readonly resampler: StreamingResampler
  private readonly chunk: Float32Array
  private readonly chunkSamples: number
  private readonly outputRate: number
  private readonly mono = new Float32Array(128)
  private readonly gainStep: number
  private filled = 0
  /** Context time at which the current chunk's first sample entered the worklet. */
  private chunkStartTime = 0
  private gain = 1
  private targetGain = 1

  constructor(options: ProcessorConstructorOptions<CaptureProcessorOptions>) {
    super()
    const { chunkSamples = 320, outputRate = 16_000 } = options.processorOptions ?? {}
    this.chunkSamples = chunkSamples
    this.outputRate = outputRate
    this.chunk = new Float32Array(chunkSamples)
    this.resampler = new StreamingResampler(worklet.sampleRate, outputRate)
    this.gainStep = 1 - Math.exp(-1 / (GAIN_SMOOTHING_SECONDS * worklet.sampleRate))
    this.port.onmessage = (event: MessageEvent<CaptureCommand>) => {
      if (event.data.type === 'gain') this.targetGain = Math.max(0, Math.min(1, event.data.gain))
    }
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0]
    const first = channels?.[0]
    if (!channels || !first) return true
    const frames = first.length
    const mono = frames === this.mono.length ? this.mono : new Float32Array(frames)
    for (let i = 0; i < frames; i++) {
      let sum = 0
      for (const channel of channels) sum += channel[i]!
      this.gain += (this.targetGain - this.gain) * this.gainStep
      mono[i] = (sum / channels.length) * this.gain
    }
    // Timestamps come from this block's own context time, so a gap in the input never skews them.
    const blockStart = this.resampler.inputSamples
    const firstPosition = this.resampler.nextOutputPosition
    const resampled = this.resampler.process(mono)
    let offset = 0
    while (offset < resampled.length) {
      if (this.filled === 0) {
        const position = firstPosition + (offset * worklet.sampleRate) / this.outputRate
        this.chunkStartTime = worklet.currentTime + (position - blockStart) / worklet.sampleRate
      }
      const take = Math.min(resampled.length - offset, this.chunkSamples - this.filled)
      this.chunk.set(resampled.subarray(offset, offset + take), this.filled)
      this.filled += take
      offset += take
      if (this.filled === this.chunkSamples) this.emitChunk()
    }
    return true
  }

  private emitChunk(): void {
    let sumSquares = 0
    let peak = 0
    for (const sample of this.chunk) {
      sumSquares += sample * sample
      const magnitude = Math.abs(sample)
      if (magnitude > peak) peak = magnitude
    }
    const pcm = new ArrayBuffer(this.chunkSamples * 2)
    writePcm16Le(this.chunk, new DataView(pcm))
    const message: CaptureChunkMessage = {
      type: 'chunk',
      pcm,
      firstSampleTime: this.chunkStartTime,
      rms: Math.sqrt(sumSquares / this.chunkSamples),
      peak: Math.min(1, peak),
    }
    this.port.postMessage(message, [pcm])
    this.filled = 0
  }
}

worklet.registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor)
