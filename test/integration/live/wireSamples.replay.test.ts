import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeLiveConnection } from '../../support/fakeLive/fakeLiveServer'
import { loadWireSamples, wireSamplesDir, type ReplayStep, type WireSample } from '../../support/fakeLive/wireSamples'
import { CURRENT_LIVE_MODELS } from '../../support/fakeLive/fakeLiveServer'
import { GEMINI_38, TEXT_TEST_MODEL, liveHarness, waitFor, withTextTestModel } from '../../support/live/liveHarness'
import { detailWords } from '../../support/live/statusWords'

// Every real server sequence in ../shared/reference/wire-samples/ (README.md catalogues them),
// played by the fake server to the real @google/genai SDK and the engine. Each must be handled:
// no crash, no message thrown away as unhandled, the UI events the sample implies, the
// conversation going on afterwards, and for the reconstructed ones the timing or order property
// they document. Times are scaled: a gap the sample says is "20+ s" is played as longer than the
// (shortened) stall timeout, which is the property that matters.

const STALL_MS = 1_000
/** u05: `turnComplete` held back after `generationComplete` for longer than the stall timeout. */
const HELD_TURN_END_MS = 2 * STALL_MS
const FOLLOW_UP = 'Still here.'

type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness | null = null
afterEach(async () => {
  await h?.stop()
  h = null
})

const samples = loadWireSamples()

/** What a replay shows, for the per-sample checks. */
interface Replay {
  h: Harness
  sample: WireSample
  stallNotices: number
  transcript(role?: 'user' | 'model'): { turnId: number; kind: string; text: string }[]
  turnEvents(): [number, string][]
}

/** The property each sample documents (README.md "What is unusual"); a sample with no entry gets the generic checks only. */
const properties: Record<string, (r: Replay) => void> = {
  f01: (r) => expect(r.h.session.state).toBe('live'),
  f02: (r) => expect(r.h.server.connections.length).toBeGreaterThanOrEqual(2),
  f04: (r) => {
    expect(r.transcript('model')[0]).toMatchObject({ turnId: 1, kind: 'text', text: 'Please provide more details.' })
    expect(r.h.log.of('onTurnEvent')[0]).toEqual({ turnId: 1, type: 'turnComplete', turnCompleteReason: 'NEED_MORE_INPUT', waitingForInput: true })
  },
  r01: (r) => expect(r.h.session.state).toBe('live'),
  r02: (r) => {
    expect(r.turnEvents().slice(0, 2)).toEqual([[1, 'generationComplete'], [1, 'turnComplete']])
    expect(r.h.log.of('onUsage')[0]).toMatchObject({ promptTokens: 515, responseTokens: 38, totalTokens: 553, byModality: { 'prompt:TEXT': 515, 'response:TEXT': 38 } })
  },
  r03: (r) => expect(joined(r.transcript('model'), 1)).toBe("Yes, I'm here! How can I help you today?"),
  r04: (r) => expect(joined(r.transcript('model'), 1)).toBe("Yeah, I can hear you. What's up?"),
  r05: (r) => expect(joined(r.transcript('model'), 1)).toBe("We could talk about anything you like. Perhaps you have a hobby or an interest you'd like to discuss, or maybe there's a topic you've been curious about lately."),
  r06: (r) => {
    expect(r.h.log.of('onModelContent')[0]).toMatchObject({ kind: 'executableCode', turnId: 1, language: 'PYTHON' })
    expect(toolResponseIds(r)).toEqual(['function-call-5831923424298605773'])
  },
  r07: (r) => expect(r.h.session.state).toBe('live'),
  r08: (r) => expect(r.h.log.of('onAudioOut').filter((a) => a.turnId === 1).map((a) => a.sampleRate)).toEqual([24_000, 24_000]),
  r09: (r) => expect(r.transcript('model').filter((d) => d.turnId === 1)).toEqual([{ turnId: 1, kind: 'output', text: 'We' }]),
  r10: (r) => {
    expect(toolResponseIds(r)).toEqual(['8acdafcd-9c55-44be-84da-da3d2612f9d1'])
    expect(r.turnEvents()[0]).toEqual([1, 'generationComplete'])
  },
  r11: (r) => expect(r.h.log.of('onAudioOut').some((a) => a.turnId === 1)).toBe(true),
  u01: (r) => expect(r.h.log.states).toContain('reconnecting'),
  u02: (r) => expect(r.h.log.states).toContain('reconnecting'),
  u03: (r) => expect(r.h.log.states).toContain('reconnecting'),
  u05: (r) => {
    expect(r.h.server.connections).toHaveLength(1)
    expect(r.stallNotices).toBe(0)
    expect(r.turnEvents().slice(0, 2)).toEqual([[1, 'generationComplete'], [1, 'turnComplete']])
  },
  u06: (r) => {
    expect(r.h.server.connections).toHaveLength(1)
    expect(r.stallNotices).toBe(0)
  },
  u07: (r) => {
    expect(toolResponseIds(r)).toEqual(['function-call-<digits>'])
    expect(new Set(r.h.log.of('onAudioOut').filter((a) => a.turnId === 1).map((a) => a.turnId))).toEqual(new Set([1]))
  },
  u08: (r) => {
    expect(toolResponseIds(r)).toEqual(['<id>'])
    expect(r.h.log.of('onAudioOut').slice(0, 2).map((a) => a.turnId)).toEqual([1, 1])
    expect(r.transcript('user')[0]).toMatchObject({ turnId: 1, text: 'My Monster Jam device is not working.' })
    expect(r.stallNotices).toBe(0)
  },
  u09: (r) => expect(r.h.log.of('onTurnEvent').filter((e) => e.type === 'interrupted').map((e) => e.turnId)).toEqual([1]),
  u10: (r) => {
    const order = r.h.log.all.filter((e) => ['onAudioOut', 'onTranscript', 'onTurnEvent'].includes(e.name)).map((e) => e.name)
    expect(order.slice(0, 3)).toEqual(['onAudioOut', 'onTranscript', 'onTurnEvent'])
  },
  u11: (r) => {
    expect(r.transcript('user')[0]).toMatchObject({ turnId: 1, text: 'Hello.' })
    expect(r.transcript().every((d) => d.text !== '')).toBe(true)
  },
  u12: (r) => {
    expect(r.transcript('model').filter((d) => d.turnId === 1)).toEqual([{ turnId: 1, kind: 'text', text: '<5 text tokens, no audio>' }])
    expect(r.h.log.of('onTurnEvent').some((e) => e.type === 'noAnswer')).toBe(false)
  },
  u14: (r) => {
    expect(r.h.log.of('onUsage').map((u) => u.totalTokens).slice(0, 4)).toEqual([520, 620, 570, 570])
  },
}

describe('wire-sample replay: fake server → real SDK → engine', () => {
  it('reads the whole catalogue beside the repository', () => {
    const files = readdirSync(wireSamplesDir()).filter((f) => f.endsWith('.json'))
    expect(samples.map((s) => `${s.name}.json`)).toEqual(files.sort())
    expect(samples.length).toBeGreaterThanOrEqual(29)
  })

  for (const sample of samples) {
    it(`${sample.name}`, async () => {
      if (sample.refusals.length > 0) return replayRefusals(sample)
      const replay = await replayTurns(sample)
      properties[sample.id]?.(replay)
      if (sample.id === 'u13') {
        // The real handle of the sample (not the `{}` that followed) is what a resume offers.
        replay.h.server.connections[0]!.drop()
        await waitFor(() => replay.h.server.connections[1]?.setup, 'the reconnect\'s setup')
        expect((replay.h.server.connections[1]!.setup?.sessionResumption as { handle?: string } | undefined)?.handle).toBe('CihvdGNnNThrcHM2eXZlenNiZzFyaTZqbmw4ZHk5dmh2ZnZ3aGRtaWRy')
      }
    })
  }
})

/** Plays the sample's turns, one per press, then asks once more: the conversation must go on. */
async function replayTurns(sample: WireSample): Promise<Replay> {
  // A recorded TEXT session (r02–r04, on a model since retired) is replayed on the text test model: no current Live model answers in text.
  const isText = sample.modality === 'TEXT'
  const harness = (h = await liveHarness({
    server: { ...(sample.setupComplete && { setupComplete: sample.setupComplete }), ...(isText && { models: [...CURRENT_LIVE_MODELS, TEXT_TEST_MODEL] }) },
    limits: { stallTimeoutMs: STALL_MS },
    ...(isText && { models: withTextTestModel() }),
  }))
  let playing: Promise<void> = Promise.resolve()
  harness.server.setScript({
    onTurn: (c, turn) => {
      const steps = sample.turns[turn.index]
      // The replay's own replies issue no handle, so a sample's handle (u13) is still the newest afterwards.
      playing = steps ? play(c, steps) : c.reply({ audio: { ms: 100 }, outputTranscript: FOLLOW_UP, resumptionUpdate: false }).then(() => undefined)
    },
    // The real server answers a tool response (r11): here after the sample's own turn is played.
    onMessage: (c, message) => {
      if (message.toolResponse) playing = playing.then(() => c.reply({ audio: { ms: 60 }, resumptionUpdate: false })).then(() => undefined)
    },
  })
  await harness.session.start(harness.settings({ model: isText ? TEXT_TEST_MODEL.id : GEMINI_38, responseModality: sample.modality ?? 'AUDIO', vad: { mode: 'push-to-talk' } }))
  expect(harness.session.state).toBe('live')
  for (const steps of sample.turns) {
    await pressAndWait(harness)
    await playing
    await new Promise((resolve) => setTimeout(resolve, hasOpenEnd(steps) ? HELD_TURN_END_MS : 50))
  }
  const hasClose = sample.turns.flat().some((s) => s.kind === 'close' || (s.kind === 'message' && 'goAway' in s.message))
  if (hasClose) await waitFor(() => harness.session.state === 'live' || harness.session.state === 'error', 'the session settled after the close', 6_000)
  const replay: Replay = {
    h: harness,
    sample,
    stallNotices: harness.log.of('onStatus').filter((s) => detailWords(s) === 'Gemini stopped answering, reconnecting…').length,
    transcript: (role) => harness.log.of('onTranscript').filter((d) => !role || d.role === role).map(({ turnId, kind, text }) => ({ turnId, kind, text })),
    turnEvents: () => harness.log.of('onTurnEvent').map((e) => [e.turnId, e.type]),
  }
  // Nothing the server said was thrown away as unhandled.
  expect(harness.logger.lines.filter((l) => l.message === 'unexpected server message ignored')).toEqual([])
  if (harness.session.state === 'live') await expectConversationGoesOn(harness)
  else expect(harness.log.of('onError').length).toBeGreaterThan(0)
  return replay
}

/** One more question after the sample: its answer is spoken and shown in a turn of its own, never cut by a stray signal. */
async function expectConversationGoesOn(harness: Harness): Promise<void> {
  const before = harness.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length
  press(harness)
  await waitFor(() => harness.log.of('onTranscript').some((d) => d.text.includes(FOLLOW_UP)), 'the follow-up answer')
  await waitFor(() => harness.log.of('onTurnEvent').filter((e) => e.type === 'turnComplete').length > before, 'the follow-up turn end')
  const turnId = harness.log.of('onTranscript').find((d) => d.text.includes(FOLLOW_UP))!.turnId
  expect(harness.log.of('onAudioOut').some((a) => a.turnId === turnId)).toBe(true)
  expect(harness.log.of('onTurnEvent').some((e) => e.turnId === turnId && e.type === 'interrupted')).toBe(false)
}

/** u04: each refusal ends the start with something the user can read; nothing crashes. */
async function replayRefusals(sample: WireSample): Promise<void> {
  for (const refusal of sample.refusals) {
    const harness = (h = await liveHarness({ server: { refuseSetup: () => refusal }, limits: { stallTimeoutMs: STALL_MS } }))
    await harness.session.start(harness.settings({ model: GEMINI_38 }))
    await waitFor(() => harness.log.of('onError').length > 0 || harness.log.of('onStatus').some((s) => detailWords(s)), `a word to the user about ${refusal.code} ${refusal.reason}`, 6_000)
    expect(harness.session.state).not.toBe('live')
    await harness.stop()
    h = null
  }
}

async function play(c: FakeLiveConnection, steps: ReplayStep[]): Promise<void> {
  let isGenerated = false
  for (const step of steps) {
    if (step.kind === 'close') {
      await c.close(step.code, step.reason)
      return
    }
    const content = step.message.serverContent as { generationComplete?: boolean; turnComplete?: boolean } | undefined
    // u05: the turn end is held until the server reckons playback is over.
    await new Promise((resolve) => setTimeout(resolve, content?.turnComplete && isGenerated ? HELD_TURN_END_MS : 10))
    if (step.message.toolCall) await c.toolCall(((step.message.toolCall as { functionCalls: { name: string; args?: Record<string, unknown>; id?: string }[] }).functionCalls))
    else await c.send(step.message)
    isGenerated ||= content?.generationComplete === true
  }
}

/** The turn's answer was sent but its turn end never came (u06): wait past the stall timeout to prove it is not a stall. */
function hasOpenEnd(steps: ReplayStep[]): boolean {
  const contents = steps.flatMap((s) => (s.kind === 'message' && s.message.serverContent ? [s.message.serverContent as Record<string, unknown>] : []))
  return contents.some((c) => c.generationComplete) && !contents.some((c) => c.turnComplete)
}

function press(harness: Harness): void {
  harness.session.activityStart()
  harness.session.activityEnd()
}

/** Presses to talk and waits until the server took the release (its script has started the turn). */
async function pressAndWait(harness: Harness): Promise<void> {
  const releases = () => harness.server.received('realtimeInput').filter((m) => 'activityEnd' in (m.realtimeInput as object)).length
  const before = releases()
  press(harness)
  await waitFor(() => releases() > before, 'the release')
}

function toolResponseIds(r: Replay): string[] {
  return r.h.server.received('toolResponse').flatMap((m) => (m.toolResponse as { functionResponses: { id: string }[] }).functionResponses.map((f) => f.id))
}

function joined(lines: { turnId: number; text: string }[], turnId: number): string {
  return lines.filter((l) => l.turnId === turnId).map((l) => l.text).join('')
}
