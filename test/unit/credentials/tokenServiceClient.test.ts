import { describe, expect, it } from 'vitest'
import { CredentialsError } from '../../../electron/main/core/credentials/credentialsError'
import { fetchServiceToken, normaliseServiceAddress, type FetchLike } from '../../../electron/main/core/credentials/tokenServiceClient'
import { describeError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

const ANSWER = {
  name: 'auth_tokens/abc123',
  expireTime: '2026-11-30T06:30:00.000Z',
  newSessionExpireTime: '2026-11-30T06:01:00.000Z',
  apiVersion: 'v1alpha',
  constraints: { model: 'gemini-3.8-live', lockedFields: ['model'] },
  policy: { autoUpdate: false },
}
const answering = (status: number, body: unknown = ANSWER): FetchLike & { calls: { url: string; headers: Record<string, string> }[] } => {
  const calls: { url: string; headers: Record<string, string> }[] = []
  const fn: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers })
    return { status, json: async () => body }
  }
  return Object.assign(fn, { calls })
}
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(CredentialsError)
  return error as CredentialsError
}

describe('the token service client', () => {
  it('posts the access code as a bearer token to {service}/token and returns the validated answer', async () => {
    const fetchFn = answering(200)
    expect(await fetchServiceToken('https://tokens.example.org/', 'team-code-alpha-7f3k', fetchFn)).toEqual(ANSWER)
    expect(fetchFn.calls).toEqual([{ url: 'https://tokens.example.org/token', headers: { authorization: 'Bearer team-code-alpha-7f3k', accept: 'application/json' } }])
  })

  it.each([
    [401, 'ACCESS_CODE_REFUSED', false],
    [403, 'ACCESS_CODE_REFUSED', false],
    [429, 'TOKEN_SERVICE_BUSY', true],
    [502, 'TOKEN_SERVICE_BUSY', true],
    [400, 'TOKEN_SERVICE_REFUSED', false],
  ])('HTTP %i becomes %s (retryable: %s), naming the service', async (status, code, isRetryable) => {
    const error = await failure(fetchServiceToken('https://tokens.example.org', 'team-code-alpha-7f3k', answering(status, { error: 'x' })))
    expect([error.appError.code, error.isRetryable]).toEqual([code, isRetryable])
    expect(error.appError.message).toContain('https://tokens.example.org')
  })

  it('an answer that is not a Sightline token is refused, not passed to the SDK', async () => {
    const error = await failure(fetchServiceToken('https://tokens.example.org', 'team-code-alpha-7f3k', answering(200, { ...ANSWER, name: 'AIzaSyNotAToken' })))
    expect(error.appError.code).toBe('TOKEN_SERVICE_REFUSED')
  })

  it('no connection is retryable and names the service', async () => {
    const error = await failure(fetchServiceToken('https://tokens.example.org', 'team-code-alpha-7f3k', async () => Promise.reject(new TypeError('fetch failed'))))
    expect([error.appError.code, error.isRetryable]).toEqual(['TOKEN_SERVICE_UNREACHABLE', true])
  })

  it('never sends an access code with control characters', async () => {
    const fetchFn = answering(200)
    await failure(fetchServiceToken('https://tokens.example.org', 'team-code\u0001alpha', fetchFn))
    expect(fetchFn.calls).toEqual([])
  })

  it.each([
    ['http://tokens.example.org', 'must start with https://'],
    ['ftp://tokens.example.org', 'must start with https://'],
    ['tokens.example.org', 'is not a web address'],
    ['https://user:pw@tokens.example.org', 'must not carry'],
    ['https://tokens.example.org/?code=1', 'must not carry'],
  ])('refuses the address %s, which would leak the code or is not one', (address, said) => {
    expect(() => normaliseServiceAddress(address)).toThrow(said)
  })

  it('a refused address says why as a refusal code, worded in the UI language after the message', () => {
    let refusal: unknown
    try {
      normaliseServiceAddress('http://tokens.example.org')
    } catch (error) {
      refusal = error
    }
    expect((refusal as CredentialsError).appError).toMatchObject({ code: 'TOKEN_SERVICE_REFUSED', params: { service: 'http://tokens.example.org', refusal: 'SERVICE_NOT_HTTPS' } })
    expect(describeError((refusal as CredentialsError).appError, wordingFor('en'))).toEqual({
      message: 'The token service address http://tokens.example.org cannot be used. It must start with https:// (plain http is allowed only on this computer).',
      action: 'Check the address your organisation gave you; it starts with https://.',
    })
  })

  it('allows plain http only on this computer', () => {
    expect(normaliseServiceAddress('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787')
    expect(normaliseServiceAddress('https://corp.example.org/sightline/')).toBe('https://corp.example.org/sightline')
  })
})
