/**
 * Typed access to the AudioWorkletGlobalScope. TypeScript's DOM lib has no worklet scope, and
 * `@types/audioworklet` clashes with DOM in the one renderer tsconfig, so the few globals the
 * processors use are read through `globalThis` with their types written down here.
 */

/** The base class every processor extends (`AudioWorkletProcessor` in the worklet scope). */
export interface AudioWorkletProcessorBase {
  readonly port: MessagePort
}

/** Options the main thread passes to `new AudioWorkletNode(…, { processorOptions })`. */
export interface ProcessorConstructorOptions<T> {
  processorOptions?: T
}

interface AudioWorkletScope {
  /** The context's sample rate. */
  readonly sampleRate: number
  /** Context time (seconds) of the first frame of the block being rendered. */
  readonly currentTime: number
  readonly currentFrame: number
  readonly AudioWorkletProcessor: new () => AudioWorkletProcessorBase
  registerProcessor<T>(name: string, processor: new (options: ProcessorConstructorOptions<T>) => AudioWorkletProcessorBase): void
}

/** The worklet's global scope; only valid inside a module loaded with `audioWorklet.addModule`. */
export const worklet = globalThis as unknown as AudioWorkletScope
