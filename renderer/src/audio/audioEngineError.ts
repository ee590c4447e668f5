import { CodedError } from '../../../shared/codedError'

/** Why audio failed, in terms the UI can turn into an action (grant the mic, pick another device…). */
export type AudioErrorCode =
  | 'MIC_PERMISSION_DENIED'
  | 'MIC_NOT_FOUND'
  | 'MIC_IN_USE'
  | 'MIC_FAILED'
  | 'OUTPUT_DEVICE_FAILED'
  | 'PLAYBACK_BLOCKED'
  | 'WORKLET_LOAD_FAILED'

/** A typed audio failure; `cause` keeps the browser's DOMException. */
export class AudioEngineError extends CodedError<AudioErrorCode> {}

/** Maps getUserMedia's DOMException names onto our codes. */
export function micErrorFrom(error: unknown): AudioEngineError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new AudioEngineError('MIC_PERMISSION_DENIED', 'Microphone access was refused.', { cause: error })
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new AudioEngineError('MIC_NOT_FOUND', 'The selected microphone is not available.', { cause: error })
    case 'NotReadableError':
    case 'AbortError':
      return new AudioEngineError('MIC_IN_USE', 'The microphone could not be opened; another app may be using it.', { cause: error })
    default:
      return new AudioEngineError('MIC_FAILED', `The microphone could not be started: ${String(error)}`, { cause: error })
  }
}
