/**
 * The messages between the AudioEngine (main thread) and its two worklets, typed once so both
 * sides agree. Audio travels as transferred ArrayBuffers of PCM16 little-endian samples.
 */
import type { TurnProgress } from './ringBuffer'

/** Processor names, as registered in the worklet modules. */
export const CAPTURE_PROCESSOR = 'sightline-capture'
export const PLAYBACK_PROCESSOR = 'sightline-playback'

/** `processorOptions` of the capture node. */
export interface CaptureProcessorOptions {
  /** 16 kHz samples per chunk: 320 = 20 ms, 640 = 40 ms. */
  chunkSamples: number
  outputRate: number
}

/** Main thread → capture worklet. */
export type CaptureCommand =
  /** Scale the microphone by `gain` (ramped over a few ms so it does not click); 1 = unducked. */
  { type: 'gain'; gain: number }

/** Capture worklet → main thread: one chunk ready to send, with its level for the meter. */
export interface CaptureChunkMessage {
  type: 'chunk'
  /** PCM16 LE mono at `outputRate` (transferred). */
  pcm: ArrayBuffer
  /** Context time (s) at which the chunk's first sample entered the worklet. */
  firstSampleTime: number
  rms: number
  peak: number
}

/** `processorOptions` of the playback node; counts in samples at the playback rate. */
export interface PlaybackProcessorOptions {
  startThreshold: number
  maxStartWait: number
  fadeOutSamples: number
  /** How often to report progress while playing. */
  reportInterval: number
  /** How often to report the output level while playing (the call bar's meter; 40 ms = 25 a second). */
  levelInterval?: number
}

/** Main thread → playback worklet. */
export type PlaybackCommand =
  | { type: 'push'; turnId: number; pcm: ArrayBuffer }
  | { type: 'flush'; requestId: number }

/** Playback worklet → main thread. */
export type PlaybackEvent =
  /** The first sample after silence was rendered at context time `time`. */
  | { type: 'started'; turnId: number; time: number }
  | { type: 'played'; progress: TurnProgress[] }
  /** The queue ran dry; `progress` has the final counts. */
  | { type: 'drained'; progress: TurnProgress[]; time: number }
  /** A flush took effect: output is silent from context time `time`. */
  | { type: 'flushed'; requestId: number; cut: TurnProgress | null; time: number }
  /** The root mean square (0–1) of what was rendered over the last level interval, while playing. */
  | { type: 'level'; rms: number }
