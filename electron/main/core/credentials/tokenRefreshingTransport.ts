import type { AppError } from '../../../../shared/ipcContract'
import { classifyClose } from '../live/recovery/closeCodes'
import { LiveTransportError } from '../live/liveErrors'
import type { Credentials, LiveConnection, LiveConnectRequest, LiveTransport, LiveTransportCallbacks } from '../ports'
import { CredentialsError } from './credentialsError'

const TOKEN_PREFIX = 'auth_tokens/'
/** Spent tokens remembered; a session uses one per connect, so a few suffice. */
const MAX_SPENT = 32

/**
 * Makes ephemeral tokens work under the engine's one-credential-per-session model. A request
 * carrying a token the transport already used (tokens are single-use: live-protocol.md §7.2)
 * gets a fresh one from {@link Credentials} first, so every connect, resume and GoAway rotation
 * dials with a new token, on v1alpha (§1.1). When Gemini refuses a token (expired, used up), one
 * fresh token is fetched and tried; a second refusal ends with an error naming the service.
 * API keys pass straight through.
 */
export class TokenRefreshingTransport implements LiveTransport {
  private readonly spent = new Set<string>()

  constructor(
    private readonly inner: LiveTransport,
    private readonly credentials: Credentials,
  ) {}

  async connect(request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection> {
    if (!request.apiKey.startsWith(TOKEN_PREFIX)) return this.inner.connect(request, callbacks)
    const first = this.spent.has(request.apiKey) ? await this.freshToken() : request.apiKey
    try {
      return await this.connectWith(first, request, callbacks)
    } catch (error) {
      if (!isTokenRefusal(error)) throw error
    }
    const second = await this.freshToken()
    try {
      return await this.connectWith(second, request, callbacks)
    } catch (error) {
      if (!isTokenRefusal(error)) throw error
      const service = (await this.credentials.serviceName?.()) ?? null
      // Without the service's address the words must not name one: a variant of its own, not a made-up name.
      const refused: AppError = service
        ? { code: 'TOKEN_REFUSED', message: `Gemini refused two tokens in a row from the token service at ${service}. Gemini said: "${error.reason}"`, params: { service, reason: error.reason } }
        : { code: 'TOKEN_REFUSED_UNKNOWN_SERVICE', message: `Gemini refused two tokens in a row from the token service. Gemini said: "${error.reason}"`, params: { reason: error.reason } }
      throw new LiveTransportError(error.closeCode, error.reason, { cause: error, verdict: { kind: 'badKey', isRetryable: false, error: refused } })
    }
  }

  private connectWith(token: string, request: LiveConnectRequest, callbacks: LiveTransportCallbacks): Promise<LiveConnection> {
    this.spent.add(token)
    if (this.spent.size > MAX_SPENT) this.spent.delete(this.spent.values().next().value!)
    return this.inner.connect({ ...request, apiKey: token, apiVersion: 'v1alpha' }, callbacks)
  }

  /** A new token, or a LiveTransportError the recovery loop can act on (retry or give up). */
  private async freshToken(): Promise<string> {
    let credential
    try {
      credential = await this.credentials.forConnect()
    } catch (error) {
      if (error instanceof CredentialsError) {
        throw new LiveTransportError(null, error.appError.message, { cause: error, verdict: { kind: error.isRetryable ? 'dropped' : 'badKey', isRetryable: error.isRetryable, error: error.appError } })
      }
      throw error
    }
    if (credential?.kind !== 'token') {
      const error: AppError = { code: 'NO_API_KEY', message: 'Sightline is no longer set up with a token service.' }
      throw new LiveTransportError(null, error.message, { verdict: { kind: 'badKey', isRetryable: false, error } })
    }
    return credential.value
  }
}

/** A refusal a fresh token may cure: the server closed before setupComplete over the credential (§7.4). */
function isTokenRefusal(error: unknown): error is LiveTransportError {
  if (!(error instanceof LiveTransportError) || error.closeCode === null || error.verdict) return false
  return classifyClose(error.closeCode, error.reason).kind === 'badKey' || /expired|no uses left|token/i.test(error.reason)
}
