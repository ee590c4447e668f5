import type { AppError, ErrorParams } from './ipcContract'

/**
 * An error the user can act on: a stable `code` and the `params` its words need. The edges
 * (renderer, tray, dialogs) turn code + params into words from the catalogue's `errors` section
 * (`describeError` in shared/i18n/describeError.ts); `message` is English for the log and
 * developers, never shown; what the user can do is the catalogue's `errors.<code>.action`. The
 * IPC router passes code, message and params to the page; anything thrown without a code is reported as
 * INTERNAL instead.
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C
  readonly params: ErrorParams

  constructor(code: C, message: string, options?: { cause?: unknown; params?: ErrorParams }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.params = options?.params ?? {}
  }
}

/**
 * An error as the page receives it (an `onError` payload): a CodedError keeps its code and
 * params; anything else becomes `fallbackCode` with `fallbackMessage`, never its raw text.
 */
export function toAppError(error: unknown, fallbackCode: string, fallbackMessage: string): AppError {
  if (error instanceof CodedError) return { code: error.code, message: error.message, params: error.params }
  return { code: fallbackCode, message: fallbackMessage, params: {} }
}
