import { describe, expect, it } from 'vitest'
import { classifyClose } from '../../../electron/main/core/live/recovery/closeCodes'

// The 1008 key branch of classifyClose: an ephemeral token on the wrong endpoint or parameter is
// refused with "Method doesn't allow unregistered callers…" (live-protocol.md §5, the close-reason
// table). Without this branch, a rejected key would read as a retryable "request refused" and the
// session would keep reconnecting with a key that can never work.

describe('close code 1008 naming a key problem', () => {
  it.each([
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    'API key not valid. Please pass a valid API key.',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    'Permission denied: Consumer does not have access to auth_tokens/abc.',
  ])('is a bad key, not retryable, with the key-settings action: %s', (reason) => {
    const verdict = classifyClose(1008, reason)
    expect(verdict).toEqual({
      kind: 'badKey',
      isRetryable: false,
      // An ephemeral token's name is a credential until it expires: it is masked in what the user sees.
      // What Gemini said reaches the user as the `reason` param (worded by the catalogue), masked the same way.
      error: {
        code: 'BAD_API_KEY',
        message: `Gemini did not accept the API key. Gemini said: "${reason.replace('auth_tokens/abc', 'auth_tokens/[redacted]')}"`,
        params: { reason: reason.replace('auth_tokens/abc', 'auth_tokens/[redacted]') },
      },
    })
  })

  it('a 1008 that names neither a model nor a key stays a retryable refusal (u02 wire sample: the operation was aborted)', () => {
    expect(classifyClose(1008, 'The operation was aborted.')).toMatchObject({ kind: 'refused', isRetryable: true, error: { code: 'REQUEST_REFUSED' } })
  })

  it('a 1008 for an unknown model is the model, even though it is not a key problem (u04 wire sample)', () => {
    const reason = 'models/gemini-2.0-flash-live-001 is not found for API version v1alpha, or is not supported for bidiGenerateContent. Call Li'
    expect(classifyClose(1008, reason)).toMatchObject({ kind: 'modelUnavailable', isRetryable: false })
  })
})
