import { MAX_FRAME_PIXELS } from '../../../../shared/ipcContract'
import type { RgbaFrame, ValidRgbaFrame } from '../ports'
import { CodedError } from '../../../../shared/codedError'

/** The longest side a frame may have: 4K, either orientation. */
export const MAX_FRAME_SIDE = 3840

/** Why a frame was refused: the codes the pipeline counts and the log shows. */
export type FrameErrorCode = 'FRAME_INVALID' | 'FRAME_TOO_LARGE' | 'FRAME_ENCODE_FAILED'

/** A frame the pipeline or the encoder would not (or could not) take; main keeps running. */
export class FrameRejectedError extends CodedError<FrameErrorCode> {}

/**
 * Checks a frame's shape before any native code sees it: whole positive dimensions, at most 4K,
 * and exactly width × height × 4 bytes. Throws a {@link FrameRejectedError}; never touches pixels.
 * The one check a frame gets, where it enters the frame pipeline (`FramePipeline.push`); what it
 * passes is a {@link ValidRgbaFrame} from then on.
 */
export function validateRgbaFrame(frame: unknown): asserts frame is ValidRgbaFrame {
  if (typeof frame !== 'object' || frame === null) throw new FrameRejectedError('FRAME_INVALID', 'frame is not an object')
  const { width, height, data } = frame as Partial<RgbaFrame>
  if (!Number.isInteger(width) || !Number.isInteger(height) || width! < 1 || height! < 1) {
    throw new FrameRejectedError('FRAME_INVALID', `frame dimensions must be positive integers, got ${String(width)}×${String(height)}`)
  }
  if (!(data instanceof Uint8Array)) throw new FrameRejectedError('FRAME_INVALID', 'frame data is not a Uint8Array')
  const w = width!
  const h = height!
  if (w > MAX_FRAME_SIDE || h > MAX_FRAME_SIDE || w * h > MAX_FRAME_PIXELS) {
    throw new FrameRejectedError('FRAME_TOO_LARGE', `frame ${w}×${h} is larger than 4K`)
  }
  if (data.byteLength !== w * h * 4) {
    throw new FrameRejectedError('FRAME_INVALID', `frame data has ${data.byteLength} bytes, ${w}×${h} RGBA needs ${w * h * 4}`)
  }
}

/** {@link validateRgbaFrame} as an expression: the frame, typed as checked, or a {@link FrameRejectedError}. */
export function checkedRgbaFrame(frame: unknown): ValidRgbaFrame {
  validateRgbaFrame(frame)
  return frame
}
