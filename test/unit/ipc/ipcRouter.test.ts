import { afterEach, describe, expect, it, vi } from 'vitest'
import { channels } from '../../../shared/ipcContract'
import { IpcRouter, REFUSAL_LOG_WINDOW_MS } from '../../../electron/main/ipc/ipcRouter'
import { describeError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'
import {
  FOREIGN_SENDERS,
  OWN_PAGE,
  VALID_INVOKE_PAYLOADS,
  VALID_SEND_PAYLOADS,
  recordingHandlers,
  recordingLogger,
  trustOwnPage,
} from '../../support/routerFixtures'

function makeRouter(now = () => 0) {
  const handlers = recordingHandlers()
  const logger = recordingLogger()
  return { router: new IpcRouter(handlers, trustOwnPage, logger, now), handlers, logger }
}

describe('IpcRouter', () => {
  it('has a valid sample payload for every channel in the contract', () => {
    expect(Object.keys(VALID_INVOKE_PAYLOADS).sort()).toEqual([...channels.invoke].sort())
    expect(Object.keys(VALID_SEND_PAYLOADS).sort()).toEqual([...channels.send].sort())
  })

  it.each(channels.invoke)('answers %s from our own page', async (channel) => {
    const { router, handlers } = makeRouter()
    const result = await router.invoke(channel, OWN_PAGE, VALID_INVOKE_PAYLOADS[channel])
    expect(result.ok).toBe(true)
    expect(handlers.calls).toHaveLength(1)
  })

  for (const [who, sender] of Object.entries(FOREIGN_SENDERS)) {
    it.each(channels.invoke)(`refuses %s from ${who} without calling the handler`, async (channel) => {
      const { router, handlers } = makeRouter()
      const result = await router.invoke(channel, sender, VALID_INVOKE_PAYLOADS[channel])
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) })
      expect(handlers.calls).toHaveLength(0)
      expect(router.rejections.foreignSender).toBe(1)
    })

    it.each(channels.send)(`drops %s from ${who} and counts it`, (channel) => {
      const { router, handlers } = makeRouter()
      router.send(channel, sender, VALID_SEND_PAYLOADS[channel])
      expect(handlers.calls).toHaveLength(0)
      expect(router.rejections.foreignSender).toBe(1)
    })
  }

  it('answers a malformed payload with an error naming the field, counts it, and keeps working', async () => {
    const { router, handlers } = makeRouter()
    const bad = await router.invoke('session:send-text', OWN_PAGE, { text: 42 })
    expect(bad).toEqual({ ok: false, error: { code: 'BAD_PAYLOAD', message: expect.stringContaining('text') } })
    expect(router.rejections.badPayload).toBe(1)
    const good = await router.invoke('session:send-text', OWN_PAGE, { text: 'still here' })
    expect(good.ok).toBe(true)
    expect(handlers.calls).toEqual([{ method: 'sendText', payload: { text: 'still here' } }])
  })

  it('refuses unknown keys rather than passing them through', async () => {
    const { router } = makeRouter()
    const result = await router.invoke('settings:update', OWN_PAGE, { voice: 'Kore', __proto__: { polluted: true }, extra: 1 })
    expect(result.ok).toBe(false)
  })

  it('answers an unknown channel with an error', async () => {
    const { router } = makeRouter()
    expect(await router.invoke('shell:exec', OWN_PAGE, 'rm -rf /')).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }) })
    expect(await router.invoke(undefined, OWN_PAGE, undefined)).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }) })
  })

  it('drops audio that is not whole PCM16 samples or longer than a second', () => {
    const { router, handlers } = makeRouter()
    router.send('media:audio', OWN_PAGE, new Uint8Array(3))
    router.send('media:audio', OWN_PAGE, new Uint8Array(64_000))
    router.send('media:audio', OWN_PAGE, 'not bytes')
    router.send('media:audio', OWN_PAGE, new Uint8Array(640))
    expect(handlers.calls).toHaveLength(1)
    expect(router.rejections.badPayload).toBe(3)
  })

  it('drops a frame whose bytes do not match its size, and one larger than 4K', () => {
    const { router, handlers } = makeRouter()
    router.send('media:frame', OWN_PAGE, { width: 10, height: 10, data: new Uint8Array(399) })
    router.send('media:frame', OWN_PAGE, { width: 3840, height: 3840, data: new Uint8Array(4) })
    expect(handlers.calls).toHaveLength(0)
    expect(router.rejections.badPayload).toBe(2)
  })

  it('call bar levels: a flood is cut to 30 a second per sender, and a level outside 0–1 is refused', () => {
    const { router, handlers } = makeRouter(() => 0)
    for (let i = 0; i < 100; i++) router.send('media:levels', OWN_PAGE, { mic: 0.5, output: 0.5 })
    expect(handlers.calls).toHaveLength(30)
    expect(router.rejections.rateLimited).toBe(70)
    const fresh = makeRouter(() => 0)
    fresh.router.send('media:levels', OWN_PAGE, { mic: 2, output: 0 })
    fresh.router.send('media:levels', OWN_PAGE, { mic: 0.5, output: 0.5, extra: 1 })
    expect(fresh.handlers.calls).toHaveLength(0)
    expect(fresh.router.rejections.badPayload).toBe(2)
  })

  it('rate-limits a flood of frames per sender and lets them through again a second later', () => {
    let now = 0
    const { router, handlers } = makeRouter(() => now)
    const frame = VALID_SEND_PAYLOADS['media:frame']
    for (let i = 0; i < 10; i++) router.send('media:frame', OWN_PAGE, frame)
    expect(handlers.calls).toHaveLength(4)
    expect(router.rejections.rateLimited).toBe(6)
    now = 1_000
    router.send('media:frame', OWN_PAGE, frame)
    expect(handlers.calls).toHaveLength(5)
  })

  it('invoke flood: 100 key:set calls at once run one key check (one Live connection), the rest are refused as rate limited', async () => {
    const handlers = recordingHandlers()
    let checks = 0
    let finish: () => void = () => {}
    handlers.invoke.setApiKey = () => {
      checks++
      return new Promise((resolve) => {
        finish = () => resolve({ isSet: true, lastFour: '1234', source: 'keychain', keychainAvailable: true, keychainTrouble: null })
      })
    }
    const router = new IpcRouter(handlers, trustOwnPage, recordingLogger(), () => 0)
    // Each from a "new connection", as a page that reconnects between calls would look.
    const calls = Array.from({ length: 100 }, (_, i) => router.invoke('key:set', { ...OWN_PAGE, id: `ws-${i}` }, { key: 'AIzaFakeKey1234567890', keepIn: 'memory' }))
    finish()
    const results = await Promise.all(calls)
    expect(checks).toBe(1)
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'REQUEST_RUNNING')).toHaveLength(99)
  })

  it('rate-limit wording: the 4th key check within a minute says the limit (3 every 60 s from a window) and how long to wait, as code + params', async () => {
    let now = 0
    const { router } = makeRouter(() => now)
    const setKey = () => router.invoke('key:set', OWN_PAGE, { key: 'AIzaFakeKey1234567890', keepIn: 'memory' })
    for (const at of [0, 1_000, 2_000]) {
      now = at
      expect((await setKey()).ok).toBe(true)
    }
    now = 18_000
    const refused = await setKey()
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'RATE_LIMITED', params: { max: 3, windowSeconds: 60, waitSeconds: 42 } })
    if (refused.ok) return
    expect(describeError(refused.error, wordingFor('en'))).toEqual({
      message: 'Sightline takes this request at most 3 times every 60 s from one window.',
      action: 'Try again in 42 s.',
    })
    expect(describeError(refused.error, wordingFor('de')).action).toBe('Versuchen Sie es in 42 s erneut.')
  })

  it('invoke flood: one sender gets three key checks a minute, one after another', async () => {
    let now = 0
    const { router, handlers } = makeRouter(() => now)
    const setKey = () => router.invoke('key:set', OWN_PAGE, { key: 'AIzaFakeKey1234567890', keepIn: 'memory' })
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await setKey())
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false, false])
    expect(handlers.calls.filter((c) => c.method === 'setApiKey')).toHaveLength(3)
    now = 60_000
    expect((await setKey()).ok).toBe(true)
  })

  it('every invoke channel has a rate limit: 51 calls in a second from one sender leave one refused', async () => {
    const { router, handlers } = makeRouter()
    const results = await Promise.all(Array.from({ length: 51 }, () => router.invoke('app:get-info', OWN_PAGE, undefined)))
    expect(results.filter((r) => !r.ok)).toHaveLength(1)
    expect(handlers.calls).toHaveLength(50)
  })

  it('frame bytes: a 4K frame four times a second reaches main once a second', () => {
    let now = 0
    const { router, handlers } = makeRouter(() => now)
    const frame4k = { width: 3840, height: 2160, data: new Uint8Array(3840 * 2160 * 4) }
    for (let second = 0; second < 3; second++) {
      now = second * 1_000
      for (let i = 0; i < 4; i++) {
        router.send('media:frame', OWN_PAGE, frame4k)
        now += 250
      }
    }
    expect(handlers.calls).toHaveLength(3)
    // Small frames still go at the contract's count limit.
    now = 10_000
    for (let i = 0; i < 4; i++) router.send('media:frame', OWN_PAGE, VALID_SEND_PAYLOADS['media:frame'])
    expect(handlers.calls).toHaveLength(7)
  })

  describe('refusal logging', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('log flood: 4,800 audio chunks in a second are counted, and the refused ones logged as one line and one summary', () => {
      vi.useFakeTimers()
      const { router, logger, handlers } = makeRouter()
      for (let i = 0; i < 4_800; i++) router.send('media:audio', OWN_PAGE, new Uint8Array(640))
      expect(handlers.calls).toHaveLength(200)
      expect(router.rejections.rateLimited).toBe(4_600)
      expect(logger.lines).toEqual([{ level: 'warn', message: 'ipc message refused', fields: { reason: 'rateLimited', channel: 'media:audio' } }])
      vi.advanceTimersByTime(REFUSAL_LOG_WINDOW_MS)
      expect(logger.lines).toHaveLength(2)
      expect(logger.lines[1]).toEqual({
        level: 'warn',
        message: 'ipc messages refused',
        fields: { reason: 'rateLimited', channel: 'media:audio', count: 4_599, withinMs: REFUSAL_LOG_WINDOW_MS },
      })
      // A different kind of refusal is its own line; a later one of the first kind starts a new window.
      router.send('media:audio', OWN_PAGE, new Uint8Array(3))
      expect(logger.lines).toHaveLength(3)
    })
  })

  it('turns a coded handler error into an error answer and hides an unexpected one', async () => {
    const handlers = recordingHandlers()
    handlers.invoke.startSession = () => {
      throw Object.assign(new Error('No API key yet.'), { code: 'NO_API_KEY' })
    }
    handlers.invoke.stopSession = () => {
      throw new Error('internal detail with key=abc')
    }
    const router = new IpcRouter(handlers, trustOwnPage, recordingLogger())
    expect(await router.invoke('session:start', OWN_PAGE, undefined)).toEqual({ ok: false, error: { code: 'NO_API_KEY', message: 'No API key yet.' } })
    const hidden = await router.invoke('session:stop', OWN_PAGE, undefined)
    expect(hidden).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('key=abc') } })
  })

  it('survives a send handler that throws', () => {
    const handlers = recordingHandlers()
    handlers.send.sendAudioChunk = () => {
      throw new Error('boom')
    }
    const router = new IpcRouter(handlers, trustOwnPage, recordingLogger())
    expect(() => router.send('media:audio', OWN_PAGE, new Uint8Array(640))).not.toThrow()
    expect(router.rejections.handlerFailed).toBe(1)
  })

  it('treats a trust check that throws as untrusted', async () => {
    const router = new IpcRouter(recordingHandlers(), () => {
      throw new Error('no frame')
    }, recordingLogger())
    expect((await router.invoke('app:get-info', OWN_PAGE, undefined)).ok).toBe(false)
  })
})
