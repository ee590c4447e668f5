import { describe, expect, it } from 'vitest'
import { CredentialsError } from '../../../electron/main/core/credentials/credentialsError'
import { TokenRefreshingTransport } from '../../../electron/main/core/credentials/tokenRefreshingTransport'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import type { Credentials, LiveConnection, LiveConnectRequest, LiveTransport } from '../../../electron/main/core/ports'
import { describeError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'

const connection: LiveConnection = { sendRealtimeInput: () => {}, sendClientContent: () => {}, sendToolResponse: () => {}, close: () => {} }
const callbacks = { onMessage: () => {}, onClose: () => {}, onError: () => {} }
const request = (apiKey: string): LiveConnectRequest => ({ apiKey, model: 'gemini-3.8-live', apiVersion: 'v1beta', config: {} })

function rig(refuse: (token: string) => boolean, fetchError?: CredentialsError, serviceName: string | null = 'https://tokens.example.org') {
  const dialled: LiveConnectRequest[] = []
  let minted = 0
  const inner: LiveTransport = {
    connect: async (r) => {
      dialled.push(r)
      if (refuse(r.apiKey)) throw new LiveTransportError(1008, 'The auth token has expired or has no uses left.')
      return connection
    },
  }
  const credentials: Credentials = {
    forConnect: async () => {
      if (fetchError) throw fetchError
      return { kind: 'token', value: `auth_tokens/fresh-${++minted}`, apiVersion: 'v1alpha' }
    },
    ...(serviceName && { serviceName: async () => serviceName }),
  }
  return { transport: new TokenRefreshingTransport(inner, credentials), dialled, minted: () => minted }
}

describe('TokenRefreshingTransport', () => {
  it('passes API keys through untouched', async () => {
    const r = rig(() => false)
    await r.transport.connect(request('AIza-user-key-123456'), callbacks)
    expect(r.dialled).toEqual([request('AIza-user-key-123456')])
    expect(r.minted()).toBe(0)
  })

  it('uses a token once, on v1alpha, and fetches a fresh one for the next connect (rotation, resume)', async () => {
    const r = rig(() => false)
    await r.transport.connect(request('auth_tokens/first'), callbacks)
    await r.transport.connect(request('auth_tokens/first'), callbacks)
    expect(r.dialled.map((d) => [d.apiKey, d.apiVersion])).toEqual([
      ['auth_tokens/first', 'v1alpha'],
      ['auth_tokens/fresh-1', 'v1alpha'],
    ])
  })

  it('replaces a refused token exactly once', async () => {
    const r = rig((token) => token === 'auth_tokens/first')
    await r.transport.connect(request('auth_tokens/first'), callbacks)
    expect(r.dialled.map((d) => d.apiKey)).toEqual(['auth_tokens/first', 'auth_tokens/fresh-1'])
  })

  it('a second refusal ends with a non-retryable error naming the service', async () => {
    const r = rig(() => true)
    const error = (await r.transport.connect(request('auth_tokens/first'), callbacks).catch((e: unknown) => e)) as LiveTransportError
    expect(r.dialled).toHaveLength(2)
    expect(error.verdict).toMatchObject({ isRetryable: false, error: { code: 'TOKEN_REFUSED', params: { service: 'https://tokens.example.org' } } })
    expect(error.verdict!.error.message).toContain('https://tokens.example.org')
  })

  it('unknown service name: a second refusal is TOKEN_REFUSED_UNKNOWN_SERVICE, with no made-up service in its params', async () => {
    const r = rig(() => true, undefined, null)
    const error = (await r.transport.connect(request('auth_tokens/first'), callbacks).catch((e: unknown) => e)) as LiveTransportError
    expect(error.verdict).toMatchObject({ isRetryable: false, error: { code: 'TOKEN_REFUSED_UNKNOWN_SERVICE', params: { reason: 'The auth token has expired or has no uses left.' } } })
    expect(error.verdict!.error.params).not.toHaveProperty('service')
    expect(describeError(error.verdict!.error, wordingFor('de')).message).toBe(
      'Gemini hat die Tokens des Token-Dienstes Ihrer Organisation nicht akzeptiert. Gemini sagte: „The auth token has expired or has no uses left.“',
    )
  })

  it('a close that is not about the token is not retried with another token', async () => {
    const dialled: string[] = []
    const inner: LiveTransport = {
      connect: async (r) => {
        dialled.push(r.apiKey)
        throw new LiveTransportError(1011, 'You exceeded your current quota, please check your plan and billing details.')
      },
    }
    const transport = new TokenRefreshingTransport(inner, { forConnect: async () => ({ kind: 'token', value: 'auth_tokens/x' }) })
    await expect(transport.connect(request('auth_tokens/first'), callbacks)).rejects.toMatchObject({ closeCode: 1011 })
    expect(dialled).toEqual(['auth_tokens/first'])
  })

  it('a service that cannot give a token becomes a LiveTransportError carrying the service\'s verdict', async () => {
    const busy = new CredentialsError({ code: 'TOKEN_SERVICE_BUSY', message: 'The token service at https://tokens.example.org could not give a token right now (HTTP 503).' }, true)
    const r = rig(() => false, busy)
    await r.transport.connect(request('auth_tokens/first'), callbacks)
    const error = (await r.transport.connect(request('auth_tokens/first'), callbacks).catch((e: unknown) => e)) as LiveTransportError
    expect(error.verdict).toMatchObject({ isRetryable: true, error: { code: 'TOKEN_SERVICE_BUSY' } })
  })
})
