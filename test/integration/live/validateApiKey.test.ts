import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { LiveTransportError } from '../../../electron/main/core/live/liveErrors'
import { ApiKeyRejectedError, validateApiKey } from '../../../electron/main/core/live/connection/validateApiKey'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'

let server: FakeLiveServer
afterEach(async () => server?.stop())

describe('checking a key before it is kept', () => {
  it('passes a key the server accepts and leaves no connection open', async () => {
    server = new FakeLiveServer()
    const transport = new GenaiLiveTransport({ baseUrl: await server.start() })
    await validateApiKey(transport, 'test-key-1234', DEFAULT_SETTINGS, { clock: systemClock })
    await server.connections[0]!.waitForClose()
    expect(server.connections[0]!.closed).toMatchObject({ by: 'client' })
  })

  it('rejects a refused key with INVALID_API_KEY', async () => {
    server = new FakeLiveServer()
    const transport = new GenaiLiveTransport({ baseUrl: await server.start() })
    const error = await validateApiKey(transport, 'bad-key-1234', DEFAULT_SETTINGS, { clock: systemClock }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiKeyRejectedError)
    expect(error).toMatchObject({ code: 'INVALID_API_KEY', closeCode: 1007 })
  })

  it('passes other failures through as they are', async () => {
    server = new FakeLiveServer({ models: [] })
    const transport = new GenaiLiveTransport({ baseUrl: await server.start() })
    const error = await validateApiKey(transport, 'test-key-1234', DEFAULT_SETTINGS, { clock: systemClock }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LiveTransportError)
    expect(error).toMatchObject({ closeCode: 1008 })
  })
})
