/**
 * The speaker's AudioWorklet: queues 24 kHz PCM16 chunks in a {@link PlaybackBuffer} (ring +
 * jitter buffer), renders them gap-free, reports per turn how many samples were actually
 * played, and drops everything on `flush` (barge-in). It runs in a 24 kHz AudioContext, so
 * the model's audio is never resampled here and every count is in the model's own samples.
 */
import { PlaybackBuffer, type TurnProgress } from '../ringBuffer'
import { pcm16LeToFloat } from '../resampler'
import { PLAYBACK_PROCESSOR, type PlaybackCommand, type PlaybackEvent, type PlaybackProcessorOptions } from '../workletMessages'
import { worklet, type ProcessorConstructorOptions } from './workletScope'

class PlaybackProcessor extends worklet.AudioWorkletProcessor {
  private readonly buffer: PlaybackBuffer
  private readonly reportInterval: number
  private readonly levelInterval: number
  private sinceReport = 0
  /** Sum of squares and sample count rendered since the last level report. */
  private levelSum = 0
  private levelCount = 0
  private hasUnreported = false
  private lastPushedTurn: number | null = null
  /** Flush requests whose silence has not been rendered yet. */
  private pendingFlushes: { requestId: number; cut: TurnProgress | null }[] = []

  constructor(options: ProcessorConstructorOptions<PlaybackProcessorOptions>) {
    super()
    const rate = worklet.sampleRate
    const opts = options.processorOptions
    this.buffer = new PlaybackBuffer({
      startThreshold: opts?.startThreshold ?? Math.round(rate * 0.06),
      maxStartWait: opts?.maxStartWait ?? Math.round(rate * 0.02),
      fadeOutSamples: opts?.fadeOutSamples ?? Math.round(rate * 0.003),
      initialCapacity: rate * 10,
    })
    this.reportInterval = opts?.reportInterval ?? Math.round(rate * 0.1)
    this.levelInterval = opts?.levelInterval ?? Math.round(rate * 0.04)
    this.port.onmessage = (event: MessageEvent<PlaybackCommand>) => this.handle(event.data)
  }

  private handle(command: PlaybackCommand): void {
    switch (command.type) {
      case 'push': {
        if (command.turnId !== this.lastPushedTurn) {
          // A new answer: report, then forget older turns that have nothing left to play.
          this.report()
          for (const { turnId } of this.buffer.progress()) if (turnId !== command.turnId) this.buffer.forget(turnId)
          this.lastPushedTurn = command.turnId
        }
        this.buffer.push(command.turnId, pcm16LeToFloat(new Uint8Array(command.pcm)))
        break
      }
      case 'flush': {
        const cut = this.buffer.flush()
        this.pendingFlushes.push({ requestId: command.requestId, cut })
        break
      }
    }
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const channel = outputs[0]?.[0]
    if (!channel) return true
    const headBefore = this.buffer.headTurnId
    const result = this.buffer.pull(channel)
    for (let c = 1; c < (outputs[0]?.length ?? 0); c++) outputs[0]![c]!.set(channel)
    if (result.hasStarted && headBefore !== null) this.post({ type: 'started', turnId: headBefore, time: worklet.currentTime })
    if (result.written > 0) {
      this.hasUnreported = true
      this.addLevel(channel, result.written)
    }
    if (this.pendingFlushes.length > 0 && !this.buffer.isFading) {
      // This block already ends in silence: the flush has taken effect.
      for (const { requestId, cut } of this.pendingFlushes) this.post({ type: 'flushed', requestId, cut, time: worklet.currentTime })
      this.pendingFlushes = []
      this.hasUnreported = false
    }
    if (result.hasDrained) {
      this.post({ type: 'drained', progress: this.buffer.progress(), time: worklet.currentTime + result.written / worklet.sampleRate })
      this.hasUnreported = false
      this.sinceReport = 0
    }
    this.sinceReport += channel.length
    if (this.sinceReport >= this.reportInterval) this.report()
    return true
  }

  /** Accumulates the rendered samples' energy; reports once a level interval has played. */
  private addLevel(channel: Float32Array, written: number): void {
    for (let i = 0; i < written; i++) this.levelSum += channel[i]! * channel[i]!
    this.levelCount += written
    if (this.levelCount < this.levelInterval) return
    this.post({ type: 'level', rms: Math.sqrt(this.levelSum / this.levelCount) })
    this.levelSum = 0
    this.levelCount = 0
  }

  private report(): void {
    this.sinceReport = 0
    if (!this.hasUnreported) return
    this.hasUnreported = false
    this.post({ type: 'played', progress: this.buffer.progress() })
  }

  private post(event: PlaybackEvent): void {
    this.port.postMessage(event)
  }
}

worklet.registerProcessor(PLAYBACK_PROCESSOR, PlaybackProcessor)
