/**
 * An error the user can act on: a stable `code` and a plain-language `message`. The IPC router
 * passes both to the page as `{ code, message }`; anything thrown without a code is reported as
 * INTERNAL instead.
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}
