import { describe, expect, it, vi } from 'vitest'
import { LiveSession } from '../../../electron/main/core/live/liveSession'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { EventLog, MemoryLogger } from '../../support/live/eventLog'
import { FakeLiveTransport } from '../../support/live/fakeLiveTransport'
import { ManualClock, settle } from '../../support/live/manualClock'
import { GEMINI_38, TEST_LIMITS, seededConversation, sessionHarness } from '../../support/live/sessionHarness'
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../shared/settings'
import { keyCredentials } from '../../../electron/main/core/credentials/keyCredentials'
import { detailWords, errorWords, statusWords } from '../../support/live/statusWords'

/** wire-samples u01: the server's close after a goAway the client did not act on (cut at 123 bytes). */
const GOAWAY_IGNORED = 'Connection aborted because the client failed to close the connection after receiving a GoAway signal once the session durat'
const MODEL_GONE = 'models/gemini-3.8-live is not found for API version v1beta, or is not supported for bidiGenerateContent. Call'

/** A session with the retirement hook wired, as the host (the models flow) does it. */
function hookedSession() {
  const clock = new ManualClock()
  const transport = new FakeLiveTransport()
  const log = new EventLog()
  const onModelUnavailable = vi.fn()
  const tools = new ToolRegistry({ desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} }, clock, confirm: async () => true })
  const session = new LiveSession({
    transport,
    clock,
    logger: new MemoryLogger(),
    tools,
    events: log.events,
    credentials: keyCredentials(async () => 'test-key-1234'),
    random: () => 1,
    limits: TEST_LIMITS,
    onModelUnavailable,
  })
  const settings = applySettingsPatch(DEFAULT_SETTINGS, { model: GEMINI_38 })
  return { clock, transport, log, session, settings, onModelUnavailable }
}

describe('close codes become actions', () => {
  it.each([
    ['u01: 1008 after an ignored goAway', 1008, GOAWAY_IGNORED],
    ['u03: 1000 "The operation was cancelled."', 1000, 'The operation was cancelled.'],
  ])('%s rotates: resumes with the handle, "Refreshing the connection…", no error', async (_name, code, reason) => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h-newest', resumable: true } })
    h.transport.onAttempt = (a) => a.accept('h-next')
    h.transport.last.serverClose(code, reason)
    await settle()
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h-newest' })
    expect(h.log.of('onStatus').map((s) => detailWords(s))).toContain('Refreshing the connection…')
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.log.of('onError')).toEqual([])
  })

  it('a refused resume (1008 "Session resumption handle is invalid…") starts fresh, seeded from memory', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.session.sendText('My name is Ada.')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: 'Hello Ada.' }] }, turnComplete: true } })
    h.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1008, 'Session resumption handle is invalid or has expired.') : a.accept('h-fresh'))
    h.transport.last.serverClose(1008, GOAWAY_IGNORED)
    await h.clock.advance(0)
    expect(h.transport.attempts.map((a) => a.request.config.sessionResumption)).toEqual([{}, { handle: 'h1' }, {}])
    expect(h.transport.last.sent[0]).toEqual(seededConversation('My name is Ada.', 'Hello Ada.'))
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The conversation could not be resumed, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “My name is Ada.”; Gemini said “Hello Ada.”.',
    })
    expect(h.log.of('onError')).toEqual([])
  })

  it('a model the server no longer serves (1008 mid-session) calls onModelUnavailable with the model and the error, and does not retry', async () => {
    const h = hookedSession()
    h.transport.onAttempt = (a) => a.accept('h1')
    await h.session.start(h.settings)
    h.transport.onAttempt = null
    h.transport.last.serverClose(1008, MODEL_GONE)
    await h.clock.advance(30_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.onModelUnavailable).toHaveBeenCalledTimes(1)
    expect(h.onModelUnavailable).toHaveBeenCalledWith({ modelId: GEMINI_38, error: expect.objectContaining({ code: 'MODEL_UNAVAILABLE' }) })
    expect(h.session.state).toBe('error')
  })

  it.each([
    ['1008 not found … bidiGenerateContent', 1008, MODEL_GONE],
    ['1007 not supported in the live api', 1007, 'gemini-3.8-live is not supported in the live api.'],
    ['1007 Non-existing model', 1007, 'Non-existing model: \'gemini-3.8-live\' from Model Management Protoconf.'],
  ])('a setup refused with %s calls onModelUnavailable once: one dial, no loop', async (_name, code, reason) => {
    const h = hookedSession()
    h.transport.onAttempt = (a) => a.refuse(code, reason)
    const status = await h.session.start(h.settings)
    await h.clock.advance(30_000)
    expect(status.state).toBe('error')
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.onModelUnavailable).toHaveBeenCalledTimes(1)
    expect(h.log.of('onError')).toEqual([expect.objectContaining({ code: 'MODEL_UNAVAILABLE' })])
  })

  it.each([
    ['1007 "API key not valid"', 1007, 'API key not valid. Please pass a valid API key.'],
    ['1007 "API Key not found"', 1007, 'API Key not found. Please pass a valid API key.'],
    ['1008 unregistered callers', 1008, 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.'],
  ])('a key refused with %s is a key problem, never a retired model', async (_name, code, reason) => {
    const h = hookedSession()
    h.transport.onAttempt = (a) => a.refuse(code, reason)
    await h.session.start(h.settings)
    await h.clock.advance(30_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.onModelUnavailable).not.toHaveBeenCalled()
    expect(h.log.of('onError').map(errorWords)).toEqual([expect.objectContaining({ code: 'BAD_API_KEY', action: 'Check your API key in Settings.' })])
  })
})

describe('a handle the server keeps refusing with a code of its own choosing', () => {
  it('after three setups refused with 1011 while offering the handle, a fresh session starts, seeded, and the user is told', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.session.sendText('My name is Ada.')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: 'Hello Ada.' }] }, turnComplete: true } })
    h.transport.onAttempt = (a) => (a.request.config.sessionResumption?.handle ? a.refuse(1011, 'Internal error encountered.') : a.accept('h-fresh'))
    h.transport.last.serverClose(1006)
    await h.clock.advance(10_000)
    expect(h.transport.attempts.map((a) => a.request.config.sessionResumption)).toEqual([{}, { handle: 'h1' }, { handle: 'h1' }, { handle: 'h1' }, {}])
    expect(h.transport.last.sent[0]).toEqual(seededConversation('My name is Ada.', 'Hello Ada.'))
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail:
        'The conversation could not be resumed, so a new one started with a summary of it. ' +
        'Continuing from earlier (2 messages): you said “My name is Ada.”; Gemini said “Hello Ada.”.',
    })
  })

  it('one 1011 while the old socket is still closing is retried with the same handle (it works once the socket is gone)', async () => {
    const h = sessionHarness()
    await h.startLive()
    let refusals = 1
    h.transport.onAttempt = (a) => (refusals-- > 0 ? a.refuse(1011, 'Internal error encountered.') : a.accept('h2'))
    h.transport.last.serverClose(1006)
    await h.clock.advance(10_000)
    expect(h.transport.attempts.map((a) => a.request.config.sessionResumption)).toEqual([{}, { handle: 'h1' }, { handle: 'h1' }])
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
  })
})

it('a network that keeps failing the connect (1006) is not a refused handle: the conversation is resumed when it is back', async () => {
  const h = sessionHarness()
  await h.startLive()
  let failures = 5
  h.transport.onAttempt = (a) => (failures-- > 0 ? a.refuse(1006, '') : a.accept('h2'))
  h.transport.last.serverClose(1006)
  await h.clock.advance(20_000)
  expect(h.transport.attempts.slice(1).map((a) => a.request.config.sessionResumption)).toEqual(Array(6).fill({ handle: 'h1' }))
  expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
})
