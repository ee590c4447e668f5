import { beforeEach, describe, expect, it } from 'vitest'
import type { Usage } from '../../../shared/ipcContract'
import { ExchangeRecorder } from '../../../electron/main/core/history/exchangeRecorder'
import type { HistoryExchangeWrite, HistoryStore } from '../../../electron/main/core/ports'
import { ManualClock } from '../../support/live/manualClock'
import { recordingLogger } from '../../support/routerFixtures'

// The recorder sees only the LiveSession's events and turns them into exchanges.
let clock: ManualClock
let saved: HistoryExchangeWrite[][]
let failNext: number
let sharing: boolean
let recorder: ExchangeRecorder

const store = {
  isReadOnly: false,
  notices: [],
  saveExchanges: async (writes: readonly HistoryExchangeWrite[]) => {
    if (failNext-- > 0) throw new Error('database is locked')
    saved.push(structuredClone([...writes]))
  },
} as unknown as HistoryStore

function usage(prompt: number, response: number): Usage {
  return { promptTokens: prompt, responseTokens: response, totalTokens: prompt + response, byModality: {}, imageTokensSpent: 0, imageTokensIfEveryFrame: 0 }
}

const exchanges = () => saved.flat().map((w) => w.exchange)

beforeEach(() => {
  clock = new ManualClock(1_000_000)
  saved = []
  failNext = 0
  sharing = false
  let n = 0
  recorder = new ExchangeRecorder({
    store,
    clock,
    logger: recordingLogger(),
    modelId: () => 'gemini-test-live',
    isSharing: () => sharing,
    secrets: () => ['sk-very-secret-value'],
    isEnabled: () => true,
    newId: () => `conv-${++n}`,
  })
})

describe('ExchangeRecorder', () => {
  it('writes one exchange per turn, after the event that ended it, on the next tick', async () => {
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'Hello' })
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'output', text: 'Hi ' })
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'output', text: 'there.' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    expect(saved).toEqual([])
    await clock.advance(0)
    expect(saved).toHaveLength(1)
    expect(exchanges()).toMatchObject([{ seq: 1, userText: 'Hello', modelText: 'Hi there.', modelId: 'gemini-test-live' }])
  })

  it('puts the user first even when the transcription of the question arrives after the answer', async () => {
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'output', text: 'It is sunny.' })
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'input', text: 'Weather?' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    await clock.advance(0)
    expect(exchanges()).toMatchObject([{ userText: 'Weather?', modelText: 'It is sunny.' }])
  })

  it('a question transcribed after its turn completed still belongs to that exchange', async () => {
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'output', text: 'Paris.' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    await clock.advance(3_000)
    recorder.onTranscript({ turnId: 2, role: 'user', kind: 'input', text: 'Capital of France?' })
    await clock.advance(0)
    const last = saved.at(-1)!
    expect(last.map((w) => [w.exchange.seq, w.exchange.userText, w.exchange.modelText])).toEqual([[1, 'Capital of France?', 'Paris.']])
  })

  it('keeps each exchange its share of the running usage, including usage sent with turnComplete', async () => {
    recorder.onUsage(usage(0, 0))
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'One' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    recorder.onUsage(usage(100, 20))
    recorder.onTranscript({ turnId: 2, role: 'user', kind: 'text', text: 'Two' })
    recorder.onUsage(usage(150, 30))
    recorder.onTurnEvent({ turnId: 2, type: 'turnComplete' })
    await clock.advance(0)
    expect(exchanges().map((x) => x.usage)).toEqual([
      { promptTokens: 100, responseTokens: 20, totalTokens: 120 },
      { promptTokens: 50, responseTokens: 10, totalTokens: 60 },
    ])
  })

  it('a new start counts usage from zero again, even when its first total is as large as the last run\'s', async () => {
    recorder.onUsage(usage(100, 20))
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'First run' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    recorder.onStatus({ state: 'connecting', detail: null, resumed: false })
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'Second run' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    recorder.onUsage(usage(110, 20))
    await clock.advance(0)
    expect(exchanges().map((x) => [x.userText, x.usage?.totalTokens])).toEqual([
      ['First run', 120],
      ['Second run', 130],
    ])
  })

  it('keeps tool calls with their results, the screen-shared marker and a late interruption', async () => {
    sharing = true
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'Open the docs' })
    recorder.onToolActivity({ id: 't1', name: 'open_url', status: 'called', args: { url: 'https://example.com/?key=sk-very-secret-value' } })
    recorder.onToolActivity({ id: 't1', name: 'open_url', status: 'answered', result: { opened: true } })
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'output', text: 'Opened.' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    recorder.onTurnEvent({ turnId: 1, type: 'interrupted' })
    await clock.advance(0)
    const [x] = exchanges().slice(-1)
    expect(x).toMatchObject({ screenShared: true, interrupted: true })
    expect(x!.toolCalls).toEqual([{ id: 't1', name: 'open_url', status: 'answered', args: { url: 'https://example.com/?[redacted]' }, result: { opened: true } }])
  })

  it('masks secrets and never keeps thoughts', async () => {
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'my token is sk-very-secret-value' })
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'thought', text: 'private reasoning' })
    recorder.onTranscript({ turnId: 1, role: 'model', kind: 'text', text: 'Do not share it.' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    await clock.advance(0)
    expect(exchanges()).toMatchObject([{ userText: 'my token is [redacted-key]', modelText: 'Do not share it.' }])
    expect(JSON.stringify(saved)).not.toContain('private reasoning')
  })

  it('a failed write loses nothing: it is retried with the next exchange', async () => {
    failNext = 1
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'First' })
    recorder.onTurnEvent({ turnId: 1, type: 'turnComplete' })
    await clock.advance(0)
    expect(saved).toEqual([])
    expect(recorder.pendingCount).toBe(1)
    recorder.onTranscript({ turnId: 2, role: 'user', kind: 'text', text: 'Second' })
    recorder.onTurnEvent({ turnId: 2, type: 'turnComplete' })
    await clock.advance(0)
    expect(saved[0]!.map((w) => w.exchange.userText)).toEqual(['First', 'Second'])
    expect(recorder.pendingCount).toBe(0)
  })

  it('ending the conversation writes what is open and starts the next one fresh; a continuation says where it came from', async () => {
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'Unfinished' })
    recorder.endConversation()
    recorder.beginContinuation('conv-1')
    recorder.onTranscript({ turnId: 1, role: 'user', kind: 'text', text: 'Again' })
    await recorder.flush()
    expect(saved.flat().map((w) => [w.conversation.id, w.conversation.continuedFrom, w.exchange.seq, w.exchange.userText])).toEqual([
      ['conv-1', null, 1, 'Unfinished'],
      ['conv-2', 'conv-1', 1, 'Again'],
    ])
  })
})
