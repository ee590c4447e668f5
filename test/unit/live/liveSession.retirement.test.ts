import { describe, expect, it, vi } from 'vitest'
import { ModelDiscovery } from '../../../electron/main/core/models/modelDiscovery'
import { InMemoryConversationStore } from '../../support/live/inMemoryConversationStore'
import { MemoryLogger } from '../../support/live/eventLog'
import { ManualClock, settle } from '../../support/live/manualClock'
import { FLASH_31, NATIVE_AUDIO, sessionHarness } from '../../support/live/sessionHarness'
import { detailWords, statusWords } from '../../support/live/statusWords'

const RETIRED = 'gemini-2.5-flash-native-audio-preview-09-2025'
const NOT_FOUND = (id: string) => `models/${id} is not found for API version v1beta, or is not supported for bidiGenerateContent. Call Li`

/** A discovery whose list came from the API and shows only these models. */
async function listing(ids: string[]) {
  const d = new ModelDiscovery({
    lister: { list: async () => ids.map((id) => ({ name: `models/${id}`, displayName: id, supportedActions: ['bidiGenerateContent'] })) },
    logger: new MemoryLogger(),
    clock: new ManualClock(),
  })
  await d.refresh('test-key-1234')
  return d
}

describe('retirement without a dead end', () => {
  it('a saved retired model moves once to gemini-3.8-live, and the user is told which replaced which', async () => {
    const onModelReplaced = vi.fn()
    const h = sessionHarness({ onModelReplaced })
    await h.startLive({ model: RETIRED })
    expect(h.transport.attempts.map((a) => a.request.model)).toEqual(['gemini-3.8-live'])
    expect(onModelReplaced).toHaveBeenCalledExactlyOnceWith(RETIRED, 'gemini-3.8-live')
    expect(statusWords(h.session.status)).toEqual({
      state: 'live',
      resumed: false,
      detail: `The model ${RETIRED} is no longer available from Google, so Sightline switched to Gemini 3.8 Live (gemini-3.8-live).`,
    })
  })

  it('bad input: a saved model id that is not a model id at all moves to gemini-3.8-live with a clear note, never dialled', async () => {
    const h = sessionHarness()
    await h.startLive({ model: 'models/../tunedModels?x=1' })
    expect(h.transport.attempts.map((a) => a.request.model)).toEqual(['gemini-3.8-live'])
    expect(detailWords(h.session.status)).toBe('“models/../tunedModels?x=1” is not the name of a Live model, so Sightline switched to Gemini 3.8 Live (gemini-3.8-live).')
  })

  it('a saved model models.list no longer shows moves to the recommended one, dropping what it does not take', async () => {
    const onModelReplaced = vi.fn()
    const h = sessionHarness({ onModelReplaced, models: await listing(['gemini-3.8-live', FLASH_31]) })
    await h.startLive({ model: NATIVE_AUDIO, affectiveDialog: true, thinking: { budget: 512 } })
    const { request } = h.transport.last
    expect(request.model).toBe('gemini-3.8-live')
    expect(request.apiVersion).toBe('v1beta')
    expect(request.config).not.toHaveProperty('enableAffectiveDialog')
    expect(request.config).not.toHaveProperty('thinkingConfig')
    expect(onModelReplaced).toHaveBeenCalledExactlyOnceWith(NATIVE_AUDIO, 'gemini-3.8-live')
  })

  it.each([
    ['1008 not found', 1008, NOT_FOUND(FLASH_31)],
    ['1007 not supported in the live api', 1007, `${FLASH_31} is not supported in the live api.`],
    ['1007 non-existing model', 1007, `Non-existing model: '${FLASH_31}' from Model Management Protoconf.`],
  ])('a setup refused as %s moves to gemini-3.8-live and the conversation carries over in a fresh, seeded session', async (_kind, code, reason) => {
    const store = new InMemoryConversationStore()
    const clock = new ManualClock()
    const before = sessionHarness({ store, clock })
    await before.startLive({ model: FLASH_31 })
    before.session.sendText('My name is Ada.')
    before.transport.last.emit({ serverContent: { outputTranscription: { text: 'Hello Ada.' }, turnComplete: true } })
    before.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h-31', resumable: true } })
    await before.session.shutdown()

    const onModelReplaced = vi.fn()
    const after = sessionHarness({ store, clock, onModelReplaced })
    after.transport.onAttempt = (a) => (a.request.model === FLASH_31 ? a.refuse(code, reason) : a.accept('h-38'))
    await after.session.start(after.settings({ model: FLASH_31 }))
    await settle()
    expect(after.transport.attempts.map((a) => [a.request.model, a.request.config.sessionResumption])).toEqual([
      [FLASH_31, { handle: 'h-31' }],
      ['gemini-3.8-live', {}],
    ])
    expect(after.transport.last.sent[0]).toEqual({
      kind: 'clientContent',
      payload: { turns: [{ role: 'user', parts: [{ text: 'My name is Ada.' }] }, { role: 'model', parts: [{ text: 'Hello Ada.' }] }], turnComplete: false },
    })
    expect(after.session.status.state).toBe('live')
    expect(detailWords(after.session.status)).toContain(`The model ${FLASH_31} is no longer available from Google, so Sightline switched to Gemini 3.8 Live (gemini-3.8-live).`)
    expect(detailWords(after.session.status)).toContain('Continuing from earlier (2 messages)')
    expect(onModelReplaced).toHaveBeenCalledExactlyOnceWith(FLASH_31, 'gemini-3.8-live')
  })

  it('never loops: when the recommended model is refused too, it ends with a clear error after two attempts', async () => {
    const h = sessionHarness()
    h.transport.onAttempt = (a) => a.refuse(1008, NOT_FOUND(a.request.model))
    await h.session.start(h.settings({ model: FLASH_31 }))
    await h.clock.advance(10 * 60_000)
    expect(h.session.state).toBe('error')
    expect(h.transport.attempts.map((a) => a.request.model)).toEqual([FLASH_31, 'gemini-3.8-live'])
    expect(h.log.of('onError')).toEqual([
      {
        code: 'MODEL_UNAVAILABLE',
        message: `Neither ${FLASH_31} nor the recommended gemini-3.8-live is available to this key, so Sightline cannot start a conversation.`,
        params: { model: FLASH_31 },
      },
    ])
  })

  it('the recommended model itself refused as unknown is an error at once, not a move', async () => {
    const h = sessionHarness()
    h.transport.onAttempt = (a) => a.refuse(1008, NOT_FOUND(a.request.model))
    await h.session.start(h.settings())
    await h.clock.advance(60_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.log.of('onError')[0]).toMatchObject({ code: 'MODEL_UNAVAILABLE', message: 'The model gemini-3.8-live is not available to this key, so Sightline cannot start a conversation.' })
  })

  it('a live connection closed mid-session because the model is gone moves once to gemini-3.8-live and carries the conversation over, seeded', async () => {
    const onModelReplaced = vi.fn()
    const h = sessionHarness({ onModelReplaced })
    await h.startLive({ model: FLASH_31 })
    h.session.sendText('My name is Ada.')
    h.transport.last.emit({ serverContent: { outputTranscription: { text: 'Hello Ada.' }, turnComplete: true } })
    h.transport.last.emit({ sessionResumptionUpdate: { newHandle: 'h-31', resumable: true } })
    h.transport.onAttempt = (a) => a.accept('h-38')
    h.transport.last.serverClose(1008, NOT_FOUND(FLASH_31))
    await settle()
    expect(h.transport.attempts.map((a) => [a.request.model, a.request.config.sessionResumption])).toEqual([
      [FLASH_31, {}],
      ['gemini-3.8-live', {}],
    ])
    // A new model cannot resume the old handle: a fresh session, seeded with the conversation so far.
    expect(h.transport.last.sent[0]).toEqual({
      kind: 'clientContent',
      payload: { turns: [{ role: 'user', parts: [{ text: 'My name is Ada.' }] }, { role: 'model', parts: [{ text: 'Hello Ada.' }] }], turnComplete: false },
    })
    expect(h.session.status.state).toBe('live')
    expect(detailWords(h.session.status)).toContain(`The model ${FLASH_31} is no longer available from Google, so Sightline switched to Gemini 3.8 Live (gemini-3.8-live).`)
    expect(onModelReplaced).toHaveBeenCalledExactlyOnceWith(FLASH_31, 'gemini-3.8-live')
    expect(h.log.of('onError')).toEqual([])
  })

  it('never loops mid-session either: the recommended model gone too ends with one clear error', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.transport.last.serverClose(1008, NOT_FOUND('gemini-3.8-live'))
    await h.clock.advance(60_000)
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.session.state).toBe('error')
    expect(h.log.of('onError').map((e) => e.code)).toEqual(['MODEL_UNAVAILABLE'])
  })
})
