import type { AppError, ErrorParams } from '../../../../shared/ipcContract'

/**
 * Why no credential could be had in managed mode. `isRetryable`: the token service was
 * unreachable, busy or failing (trying again later may help); otherwise it refused (wrong access
 * code, bad address) and the user has to act. `appError` names the service.
 */
export class CredentialsError extends Error {
  constructor(
    readonly appError: AppError,
    readonly isRetryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(appError.message, options)
    this.name = 'CredentialsError'
  }

  /** The IPC router and the session pass `code`, `params` and `message` on to the page (which words code + params). */
  get code(): string {
    return this.appError.code
  }

  get params(): ErrorParams {
    return this.appError.params ?? {}
  }
}
