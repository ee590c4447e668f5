import { ACCESS_CODE_PATTERN, tokenServiceAnswerSchema, type TokenServiceAnswer } from '../../../../shared/tokenServiceWire'
import { CredentialsError } from './credentialsError'

/** The part of `fetch` the client uses (injectable for tests). */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; signal: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>

/** How long one token request may take before it counts as unreachable. */
export const TOKEN_FETCH_TIMEOUT_MS = 10_000

/**
 * Checks a token service address: `https:` anywhere, `http:` only on this computer (the access
 * code travels in a header). Returns the normalised origin-and-path without a trailing slash,
 * or throws a {@link CredentialsError} saying what is wrong.
 */
export function normaliseServiceAddress(address: string): string {
  let url: URL
  try {
    url = new URL(address.trim())
  } catch {
    throw refused(address, 'is not a web address', 'SERVICE_NOT_URL')
  }
  const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw refused(address, 'must start with https:// (plain http is allowed only on this computer)', 'SERVICE_NOT_HTTPS')
  }
  if (url.username || url.password || url.search || url.hash) throw refused(address, 'must not carry a user name, a query or a fragment', 'SERVICE_HAS_EXTRAS')
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * `POST {service}/token` with `Authorization: Bearer <access code>` (services/token-service).
 * Resolves with the validated answer; throws a {@link CredentialsError}: not retryable for a
 * refused code (401/403), a bad request (400) or an answer Sightline cannot read; retryable
 * for 429, 5xx, a timeout or no connection.
 */
export async function fetchServiceToken(service: string, accessCode: string, fetchFn: FetchLike): Promise<TokenServiceAnswer> {
  const base = normaliseServiceAddress(service)
  if (!ACCESS_CODE_PATTERN.test(accessCode)) {
    throw refused(base, 'cannot be used with this access code: it must be 8–256 printable characters without spaces', 'ACCESS_CODE_MALFORMED')
  }
  let response: { status: number; json(): Promise<unknown> }
  try {
    response = await fetchFn(`${base}/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessCode}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TOKEN_FETCH_TIMEOUT_MS),
    })
  } catch (error) {
    throw new CredentialsError(
      { code: 'TOKEN_SERVICE_UNREACHABLE', params: { service: base }, message: `Could not reach your organisation's token service at ${base}.` },
      true,
      { cause: error },
    )
  }
  if (response.status === 401 || response.status === 403) {
    throw new CredentialsError(
      { code: 'ACCESS_CODE_REFUSED', params: { service: base }, message: `The token service at ${base} did not accept your access code.` },
      false,
    )
  }
  if (response.status === 429 || response.status >= 500) {
    throw new CredentialsError(
      { code: 'TOKEN_SERVICE_BUSY', params: { service: base }, message: `The token service at ${base} could not give a token right now (HTTP ${response.status}).` },
      true,
    )
  }
  const parsed = tokenServiceAnswerSchema.safeParse(response.status === 200 ? await response.json().catch(() => null) : null)
  if (!parsed.success) {
    throw refused(base, `answered something that is not a Sightline token (HTTP ${response.status})`, 'SERVICE_NOT_SIGHTLINE')
  }
  return parsed.data
}

/** Why the token service cannot be used, as the `refusal` param the catalogue words (`errors.refusal.<code>`) after TOKEN_SERVICE_REFUSED's message. */
type ServiceRefusal = 'SERVICE_NOT_URL' | 'SERVICE_NOT_HTTPS' | 'SERVICE_HAS_EXTRAS' | 'ACCESS_CODE_MALFORMED' | 'SERVICE_NOT_SIGHTLINE'

function refused(service: string, what: string, refusal: ServiceRefusal): CredentialsError {
  return new CredentialsError({ code: 'TOKEN_SERVICE_REFUSED', params: { service, refusal }, message: `The token service address ${service} ${what}.` }, false)
}
