/**
 * The renderer's audio machinery behind one class: microphone capture (device rate → 16 kHz
 * PCM16 chunks through the capture worklet), playback of the model's 24 kHz PCM16 through the
 * playback worklet, barge-in, output device choice and mic ducking. It knows nothing about
 * the bridge: the caller sends the chunks and reports playback.
 */
import captureWorkletUrl from './worklets/captureWorklet.ts?worker&url'
import playbackWorkletUrl from './worklets/playbackWorklet.ts?worker&url'
import { assertNever } from '../../../shared/assertNever'
import { AudioEngineError, micErrorFrom } from './audioEngineError'
import { Pcm16Framer } from './pcm16Framer'
import type { TurnProgress } from './ringBuffer'
import {
  CAPTURE_PROCESSOR,
  PLAYBACK_PROCESSOR,
  type CaptureChunkMessage,
  type CaptureCommand,
  type CaptureProcessorOptions,
  type PlaybackCommand,
  type PlaybackEvent,
  type PlaybackProcessorOptions,
} from './workletMessages'

/** The Live API's rates: 16 kHz in, 24 kHz out. */
export const CAPTURE_RATE = 16_000
export const PLAYBACK_RATE = 24_000

export interface AudioDevice {
  deviceId: string
  label: string
}

export interface AudioLevel {
  /** Meter position 0–1: the chunk's RMS in dBFS mapped linearly from -60 dB (0) to 0 dB (1). */
  meter: number
  /** Root mean square of the last chunk, 0–1. */
  rms: number
  /** Largest magnitude in the last chunk, 0–1. */
  peak: number
}

/** Timing points for the latency benches; times are `performance.now()` milliseconds. */
export type AudioTimingEvent =
  /** A mic chunk reached the main thread; `capturedAt` is when its first sample entered the worklet. */
  | { kind: 'chunkCaptured'; capturedAt: number; deliveredAt: number }
  /** Playback started after silence; `chunkArrivedAt` is when the first waiting chunk was handed to `play`. */
  | { kind: 'playbackStarted'; turnId: number; chunkArrivedAt: number; startedAt: number }
  /** An interrupt took effect: the worklet rendered silence. */
  | { kind: 'silenced'; requestedAt: number; silentAt: number }

export interface AudioEngineOptions {
  /** Mic chunk length: 20 or 40 ms. */
  chunkMs?: 20 | 40
  /** Jitter buffer: playback starts once this much audio is queued… */
  jitterMs?: number
  /** …or once the first queued sample has waited this long, whichever comes first. */
  maxStartWaitMs?: number
  /** Mic gain while the model speaks and ducking is on (0 gates it completely). */
  duckGain?: number
  onTiming?: (event: AudioTimingEvent) => void
  /** Playback problems that happen outside any call (autoplay refused, output device gone). */
  onError?: (error: AudioEngineError) => void
  /** Injected in tests; the browser's by default. */
  mediaDevices?: MediaDevices
}

export interface CaptureOptions {
  deviceId?: string
  /** One PCM16 LE 16 kHz mono chunk; `capturedAt` (performance.now() ms) is when its first sample was captured. */
  onChunk(pcm: Uint8Array<ArrayBuffer>, info: { capturedAt: number }): void
}

interface CaptureGraph {
  context: AudioContext
  stream: MediaStream
  node: AudioWorkletNode
}

interface PlaybackGraph {
  context: AudioContext
  node: AudioWorkletNode
  element: HTMLAudioElement
}

type Listener<T extends unknown[]> = (...args: T) => void

/** Set `globalThis.__sightlineAudioDebug = true` before the app loads to collect timings in `__sightlineAudioStats`. */
interface DebugGlobals {
  __sightlineAudioDebug?: boolean
  __sightlineAudioStats?: AudioTimingEvent[]
}

/** Microphone in, model audio out, barge-in; one instance per window. */
export class AudioEngine {
  private readonly options: Required<Omit<AudioEngineOptions, 'onTiming' | 'onError' | 'mediaDevices'>> & AudioEngineOptions
  private capture: CaptureGraph | null = null
  private playback: Promise<PlaybackGraph> | null = null
  private readonly levelListeners = new Set<Listener<[number, AudioLevel]>>()
  private readonly playedListeners = new Set<Listener<[number, number]>>()
  private readonly speakingListeners = new Set<Listener<[boolean]>>()
  private readonly outputLevelListeners = new Set<Listener<[number]>>()
  private speaking = false
  private duckMic = false
  private sinkId = ''
  private waitingSince: number | null = null
  private flushCounter = 0
  private readonly framer = new Pcm16Framer()
  private readonly playedByTurn = new Map<number, number>()
  private lastTurnId: number | null = null
  private readonly pendingFlushes = new Map<number, { requestedAt: number; resolve(cut: TurnProgress | null): void }>()

  constructor(options: AudioEngineOptions = {}) {
    this.options = { chunkMs: 20, jitterMs: 60, maxStartWaitMs: 20, duckGain: 0.1, ...options }
  }

  /** True while model audio is being played (from the first sample until drained or interrupted). */
  get isSpeaking(): boolean {
    return this.speaking
  }

  get isCapturing(): boolean {
    return this.capture !== null
  }

  async listInputDevices(): Promise<AudioDevice[]> {
    return this.listDevices('audioinput')
  }

  async listOutputDevices(): Promise<AudioDevice[]> {
    return this.listDevices('audiooutput')
  }

  /** Opens the mic (echo cancellation, noise suppression, auto gain on) and streams chunks until {@link stopCapture}. */
  async startCapture(options: CaptureOptions): Promise<void> {
    await this.stopCapture()
    let stream: MediaStream
    try {
      stream = await this.mediaDevices().getUserMedia({
        audio: {
          ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}),
          echoCancellation: true,
          noiseSuppression: true,
          autoGainControl: true,
          channelCount: 1,
        },
      })
    } catch (error) {
      throw micErrorFrom(error)
    }
    // Run the context at the mic's own rate so our resampler is the only conversion.
    const trackRate = stream.getAudioTracks()[0]?.getSettings().sampleRate
    const context = new AudioContext({ latencyHint: 'interactive', ...(trackRate ? { sampleRate: trackRate } : {}) })
    try {
      await loadWorklet(context, captureWorkletUrl)
      const processorOptions: CaptureProcessorOptions = { chunkSamples: (CAPTURE_RATE * this.options.chunkMs) / 1000, outputRate: CAPTURE_RATE }
      // No outputs: a sink node is pulled by the graph without being wired to the speakers.
      const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 0, processorOptions })
      node.port.onmessage = (event: MessageEvent<CaptureChunkMessage>) => this.onCaptureChunk(context, event.data, options.onChunk)
      context.createMediaStreamSource(stream).connect(node)
      await context.resume()
      this.capture = { context, stream, node }
      this.applyDuck()
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop())
      await context.close()
      throw error
    }
  }

  /** Stops the mic and releases the device (the OS mic indicator goes off). */
  async stopCapture(): Promise<void> {
    const capture = this.capture
    if (!capture) return
    this.capture = null
    capture.node.port.onmessage = null
    capture.stream.getTracks().forEach((track) => track.stop())
    await capture.context.close()
  }

  /** Live mic level, one call per chunk (50 a second at 20 ms): the meter position 0–1, then the raw figures. */
  onLevel(listener: (meter: number, level: AudioLevel) => void): () => void {
    return subscribe(this.levelListeners, listener)
  }

  /** Samples of a turn actually played so far (24 kHz), every ~100 ms while playing, on drain and on interrupt. */
  onPlayed(listener: (turnId: number, playedSamples: number) => void): () => void {
    return subscribe(this.playedListeners, listener)
  }

  onSpeakingChange(listener: (isSpeaking: boolean) => void): () => void {
    return subscribe(this.speakingListeners, listener)
  }

  /**
   * The model's voice level as played, on the same meter scale as {@link onLevel}: 25 calls a
   * second while audio plays (one per 40 ms rendered), then one 0 when playback drains or is cut.
   */
  onOutputLevel(listener: (meter: number) => void): () => void {
    return subscribe(this.outputLevelListeners, listener)
  }

  /**
   * Queues one chunk of the model's 24 kHz PCM16 LE mono audio for a turn; it plays as soon as the
   * jitter buffer allows. Chunks need not end on a sample: a stray last byte waits for the turn's
   * next chunk (see {@link Pcm16Framer}). Answers the whole samples queued by this call.
   */
  play(turnId: number, pcm24k: Uint8Array): number {
    // A fresh buffer of our own, so it can be transferred to the audio thread.
    const pcm = this.framer.push(turnId, pcm24k).buffer
    if (pcm.byteLength === 0) return 0
    this.waitingSince ??= performance.now()
    void this.ensurePlayback().then(
      (graph) => post(graph.node, { type: 'push', turnId, pcm }, [pcm]),
      () => undefined,
    )
    return pcm.byteLength / 2
  }

  /** True while model audio plays or waits in the jitter buffer to start. */
  get hasModelAudio(): boolean {
    return this.speaking || this.waitingSince !== null
  }

  /**
   * Barge-in: silences playback at once and drops everything queued. Resolves once the worklet
   * has rendered silence, with the samples (24 kHz) of `turnId` that were heard, so the
   * transcript can be cut there. Without `turnId`: the turn that was cut, or else the last turn
   * that played (0 when nothing ever played).
   */
  async interrupt(turnId?: number): Promise<number> {
    const requestedAt = performance.now()
    this.waitingSince = null
    this.framer.reset()
    const graph = this.playback ? await this.playback.catch(() => null) : null
    const cut = graph ? await this.flush(graph, requestedAt) : null
    const turn = turnId ?? cut?.turnId ?? this.lastTurnId
    return turn === null ? 0 : (this.playedByTurn.get(turn) ?? 0)
  }

  /** Routes playback to an output device (null or `''` = system default) through the audio element's setSinkId. */
  async setOutputDevice(deviceId: string | null): Promise<void> {
    this.sinkId = deviceId ?? ''
    if (!this.playback) return
    const graph = await this.playback
    try {
      await graph.element.setSinkId(this.sinkId)
    } catch (error) {
      throw new AudioEngineError('OUTPUT_DEVICE_FAILED', `Could not switch the speaker: ${String(error)}`, { cause: error })
    }
  }

  /** Attenuates the mic while the model speaks (for laptop speakers, where the echo canceller alone is not enough). */
  setDuckMic(isOn: boolean): void {
    this.duckMic = isOn
    this.applyDuck()
  }

  /** Releases the mic, both audio contexts and the audio element. */
  async dispose(): Promise<void> {
    await this.stopCapture()
    const playback = this.playback
    this.playback = null
    if (!playback) return
    const graph = await playback.catch(() => null)
    if (!graph) return
    graph.element.pause()
    graph.element.srcObject = null
    await graph.context.close()
    for (const { resolve } of this.pendingFlushes.values()) resolve(null)
    this.pendingFlushes.clear()
  }

  private flush(graph: PlaybackGraph, requestedAt: number): Promise<TurnProgress | null> {
    const requestId = ++this.flushCounter
    return new Promise((resolve) => {
      this.pendingFlushes.set(requestId, { requestedAt, resolve })
      post(graph.node, { type: 'flush', requestId })
    })
  }

  private async listDevices(kind: MediaDeviceKind): Promise<AudioDevice[]> {
    const devices = await this.mediaDevices().enumerateDevices()
    return devices.filter((d) => d.kind === kind).map((d) => ({ deviceId: d.deviceId, label: d.label }))
  }

  private mediaDevices(): MediaDevices {
    return this.options.mediaDevices ?? navigator.mediaDevices
  }

  private onCaptureChunk(context: AudioContext, message: CaptureChunkMessage, onChunk: CaptureOptions['onChunk']): void {
    const deliveredAt = performance.now()
    const capturedAt = deliveredAt - Math.max(0, context.currentTime - message.firstSampleTime) * 1000
    const meter = meterOf(message.rms)
    const level = { meter, rms: message.rms, peak: message.peak }
    for (const listener of this.levelListeners) listener(meter, level)
    onChunk(new Uint8Array(message.pcm), { capturedAt })
    this.timing({ kind: 'chunkCaptured', capturedAt, deliveredAt })
  }

  /** Creates the playback graph once: 24 kHz context → worklet → MediaStreamDestination → <audio>. */
  private ensurePlayback(): Promise<PlaybackGraph> {
    this.playback ??= this.createPlayback()
    return this.playback
  }

  private async createPlayback(): Promise<PlaybackGraph> {
    // A 24 kHz context plays the model's audio as-is; the browser converts to the device rate.
    // The smallest buffer the device allows (latencyHint 0): a barge-in waits for the next render
    // callback to go silent, every 10 ms with 'interactive' on Linux and Windows, 2.7–5 ms this way.
    const context = new AudioContext({ sampleRate: PLAYBACK_RATE, latencyHint: 0 })
    try {
      await loadWorklet(context, playbackWorkletUrl)
      const ms = (value: number) => Math.round((PLAYBACK_RATE * value) / 1000)
      const processorOptions: PlaybackProcessorOptions = {
        startThreshold: ms(this.options.jitterMs),
        maxStartWait: ms(this.options.maxStartWaitMs),
        fadeOutSamples: ms(3),
        reportInterval: ms(100),
        levelInterval: ms(40),
      }
      const node = new AudioWorkletNode(context, PLAYBACK_PROCESSOR, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1], processorOptions })
      node.port.onmessage = (event: MessageEvent<PlaybackEvent>) => this.onPlaybackEvent(event.data)
      // Through a MediaStream into an <audio> element, so Chromium's echo canceller hears what we play.
      const destination = context.createMediaStreamDestination()
      node.connect(destination)
      const element = new Audio()
      element.srcObject = destination.stream
      if (this.sinkId) await element.setSinkId(this.sinkId)
      await context.resume()
      element.play().catch((error: unknown) => {
        this.options.onError?.(new AudioEngineError('PLAYBACK_BLOCKED', `The speaker could not start: ${String(error)}`, { cause: error }))
      })
      return { context, node, element }
    } catch (error) {
      await context.close()
      const failure = error instanceof AudioEngineError ? error : new AudioEngineError('WORKLET_LOAD_FAILED', `Playback could not start: ${String(error)}`, { cause: error })
      this.options.onError?.(failure)
      throw failure
    }
  }

  private onPlaybackEvent(event: PlaybackEvent): void {
    const now = performance.now()
    switch (event.type) {
      case 'started':
        this.timing({ kind: 'playbackStarted', turnId: event.turnId, chunkArrivedAt: this.waitingSince ?? now, startedAt: now })
        this.waitingSince = null
        this.setSpeaking(true)
        break
      case 'played':
        this.emitPlayed(event.progress)
        break
      case 'drained':
        this.emitPlayed(event.progress)
        this.setSpeaking(false)
        break
      case 'level':
        this.emitOutputLevel(meterOf(event.rms))
        break
      case 'flushed': {
        const pending = this.pendingFlushes.get(event.requestId)
        this.pendingFlushes.delete(event.requestId)
        if (event.cut) this.emitPlayed([event.cut])
        this.setSpeaking(false)
        if (pending) {
          this.timing({ kind: 'silenced', requestedAt: pending.requestedAt, silentAt: now })
          pending.resolve(event.cut)
        }
        break
      }
      default:
        assertNever(event, 'playback event')
    }
  }

  private emitPlayed(progress: TurnProgress[]): void {
    for (const { turnId, playedSamples } of progress) {
      this.playedByTurn.set(turnId, playedSamples)
      this.lastTurnId = turnId
      for (const listener of this.playedListeners) listener(turnId, playedSamples)
    }
    // Only recent turns can still be cut.
    for (const turnId of this.playedByTurn.keys()) {
      if (this.playedByTurn.size <= 16) break
      this.playedByTurn.delete(turnId)
    }
  }

  private setSpeaking(isSpeaking: boolean): void {
    if (this.speaking === isSpeaking) return
    this.speaking = isSpeaking
    this.applyDuck()
    for (const listener of this.speakingListeners) listener(isSpeaking)
    if (!isSpeaking) this.emitOutputLevel(0)
  }

  private emitOutputLevel(meter: number): void {
    for (const listener of this.outputLevelListeners) listener(meter)
  }

  private applyDuck(): void {
    if (!this.capture) return
    const command: CaptureCommand = { type: 'gain', gain: this.duckMic && this.speaking ? this.options.duckGain : 1 }
    this.capture.node.port.postMessage(command)
  }

  private timing(event: AudioTimingEvent): void {
    this.options.onTiming?.(event)
    const debug = globalThis as DebugGlobals
    if (debug.__sightlineAudioDebug) (debug.__sightlineAudioStats ??= []).push(event)
  }
}

/** A meter position 0–1 from an RMS 0–1: dBFS mapped linearly from -60 dB (0) to 0 dB (1). */
export function meterOf(rms: number): number {
  return rms > 0 ? Math.min(1, Math.max(0, 1 + (20 * Math.log10(rms)) / 60)) : 0
}

async function loadWorklet(context: AudioContext, url: string): Promise<void> {
  try {
    await context.audioWorklet.addModule(url)
  } catch (error) {
    throw new AudioEngineError('WORKLET_LOAD_FAILED', `Audio worklet ${url} failed to load: ${String(error)}`, { cause: error })
  }
}

function post(node: AudioWorkletNode, command: PlaybackCommand, transfer: Transferable[] = []): void {
  node.port.postMessage(command, transfer)
}

function subscribe<T extends unknown[]>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener)
  return () => {
    set.delete(listener)
  }
}
