import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { activeMs, bestCyclicCorrelation, loudnessEnvelope, makeSpeechWav, pcm16ToFloat, type SpeechWav } from '../support/speechWav'
import type { FakeLiveConnection } from '../support/fakeLive/fakeLiveConnection'
import type { ReplyScript } from '../support/fakeLive/fakeLiveTypes'
import { HOLD_THRESHOLD_MS } from '../../renderer/src/stores/pressToTalk'
import { openHarness, type RunningHarness } from './harnessFixture'

// The user's path: hold Talk, say a sentence (Chromium's fake mic plays espeak-ng), let go, see
// both transcripts and hear the answer; then cut the next answer off mid-sentence.
const SENTENCE = 'Sightline, what is the weather like in Paris today?'

let speech: SpeechWav
let server: FakeLiveServer
let run: RunningHarness

/** What {@link probe} collects in the page, on the page's clock (performance.now()). */
interface PageProbe {
  __sightlineAudioStats?: { kind: string; requestedAt?: number; silentAt?: number }[]
  /** Every playback report the page sent, when it sent it. */
  __playedSends: { at: number; turnId: number; playedSamples: number }[]
  /** Every pointer press on the page. */
  __presses: number[]
}

/**
 * Runs in the page before its scripts: turns on the audio engine's timings (`silenced`: when a
 * flush was asked for and when the worklet said it was silent) and records each playback report
 * as it leaves on the bridge socket, and each press. Self-contained: Playwright sends its source.
 */
function probe(): void {
  const w = window as unknown as PageProbe & { __sightlineAudioDebug: boolean }
  w.__sightlineAudioDebug = true
  w.__playedSends = []
  w.__presses = []
  addEventListener('pointerdown', () => w.__presses.push(performance.now()), true)
  const send = WebSocket.prototype.send
  WebSocket.prototype.send = function (data) {
    if (data instanceof Uint8Array) {
      const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true)
      const header = new TextDecoder().decode(data.subarray(4, 4 + headerLength))
      if (header.includes('"channel":"media:played"')) {
        const payload = (JSON.parse(header) as { message: { payload: { turnId: number; playedSamples: number } } }).message.payload
        w.__playedSends.push({ at: performance.now(), ...payload })
      }
    }
    return send.call(this, data)
  }
}

/** How long the playback worklet may take to go silent once asked: a few render quanta, with room for a loaded machine. */
const SILENCE_BUDGET_MS = 250

test.beforeAll(async () => {
  speech = makeSpeechWav(SENTENCE)
  server = new FakeLiveServer({ script: friendlyScript })
  const baseUrl = await server.start()
  run = await openHarness({ baseUrl, env: { GEMINI_API_KEY: 'e2e-key-1234' }, fakeMicWav: speech.path, initScript: probe })
  await expect(run.page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

/** Every `media:played` report the page sent, as [turnId, playedSamples]. */
function playbackReports(): [number, number][] {
  return run.traffic
    .filter((t) => t.direction === 'in' && t.message.type === 'send' && t.message.channel === 'media:played')
    .map((t) => {
      const p = (t.message as { payload: { turnId: number; playedSamples: number } }).payload
      return [p.turnId, p.playedSamples]
    })
}

async function pressTalk(): Promise<void> {
  const box = await run.page.getByRole('button', { name: 'Talk', exact: true }).boundingBox()
  if (!box) throw new Error('Talk button has no box')
  await run.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await run.page.mouse.down()
}

async function holdTalk(ms: number): Promise<void> {
  await pressTalk()
  await run.page.waitForTimeout(ms)
  await run.page.mouse.up()
}

const LONG_STORY = 'Once upon a time there was a very long story that went on and on and on for a good while longer. '.split(/(?<=\s)/)

/** Types a message and waits until the page has played a second of its answer; resolves with the answer's turn. */
async function askAndHearASecond(text: string): Promise<number> {
  // Reports name every recent turn; the answer is the one never reported before.
  const known = new Set(playbackReports().map(([turnId]) => turnId))
  const heardASecond = () => playbackReports().find(([turnId, n]) => !known.has(turnId) && n > 24_000)?.[0]
  await run.page.getByRole('textbox', { name: 'Message' }).fill(text)
  await run.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect.poll(heardASecond, { timeout: 15_000 }).toBeDefined()
  return heardASecond()!
}

/** The most the page reported playing of a turn so far. */
const playedOf = (turnId: number) => Math.max(0, ...playbackReports().filter(([t]) => t === turnId).map(([, n]) => n))

/** Answers typed questions only, with `reply`: a barge-in's own turn must not start another answer. */
function answerTypedQuestions(reply: ReplyScript): { connection: FakeLiveConnection | null } {
  const answering: { connection: FakeLiveConnection | null } = { connection: null }
  server.setScript({
    async onTurn(connection, turn) {
      if (!turn.text) return
      answering.connection = connection
      await connection.reply(reply)
    },
  })
  return answering
}

/** Waits for the server to send a frame containing `text`, among the frames from index `since` on. */
function serverSends(text: string, since: number): Promise<unknown> {
  return server.waitForFrame((f) => f.direction === 'out' && f.text.includes(text) && server.frames.indexOf(f) >= since, 5_000)
}

/** How many times the page's audio engine has gone silent on request so far. */
const silencedCount = () =>
  run.page.evaluate(() => ((window as unknown as PageProbe).__sightlineAudioStats ?? []).filter((t) => t.kind === 'silenced').length)

/**
 * Playback went silent at once and stayed silent, measured in the page, not sampled after a
 * wait: the worklet reported silence within {@link SILENCE_BUDGET_MS} of the request (and the
 * request came with the press, when there was one), and every report about the turn from that
 * moment on carries the same count. Resolves with that count (samples played when it was cut).
 */
async function expectSilencedAtOnce(turnId: number, silencedBefore: number, options: { byPress: boolean }): Promise<number> {
  await expect.poll(silencedCount, { timeout: 5_000 }).toBeGreaterThan(silencedBefore)
  const measured = await run.page.evaluate((index) => {
    const w = window as unknown as PageProbe
    const silenced = w.__sightlineAudioStats!.filter((t) => t.kind === 'silenced')[index]!
    return { requestedAt: silenced.requestedAt!, silentAt: silenced.silentAt!, lastPress: Math.max(...w.__presses.filter((p) => p <= silenced.requestedAt!)) }
  }, silencedBefore)
  expect(measured.silentAt - measured.requestedAt).toBeLessThan(SILENCE_BUDGET_MS)
  if (options.byPress) expect(measured.requestedAt - measured.lastPress).toBeLessThan(SILENCE_BUDGET_MS)
  // Whatever the worklet still had queued must never be heard: watch the reports for a while.
  // From the moment of silence on, the turn's count may be reported (the cut) but never grow.
  await run.page.waitForTimeout(1_500)
  const reports = await run.page.evaluate(
    (turn) => (window as unknown as PageProbe).__playedSends.filter((s) => s.turnId === turn),
    turnId,
  )
  const before = reports.filter((s) => s.at < measured.silentAt).map((s) => s.playedSamples)
  const after = reports.filter((s) => s.at >= measured.silentAt).map((s) => s.playedSamples)
  expect(new Set(after).size).toBeLessThanOrEqual(1)
  const heard = after[0] ?? Math.max(0, ...before)
  expect(heard).toBeGreaterThanOrEqual(Math.max(0, ...before))
  expect(playedOf(turnId)).toBe(heard)
  return heard
}

test('a spoken question reaches the server as 16 kHz PCM that matches the sentence, and the answer is shown and played', async () => {
  await holdTalk(Math.round(speech.durationMs))

  // On the wire: activityStart, 16 kHz PCM, activityEnd.
  await server.waitForFrame((f) => f.direction === 'in' && JSON.stringify(f.json ?? '').includes('activityEnd'), 10_000)
  const audioFrames = server.received('realtimeInput').filter((m) => (m.realtimeInput as { audio?: unknown }).audio)
  expect(audioFrames.length).toBeGreaterThan(10)
  for (const m of audioFrames) expect((m.realtimeInput as { audio: { mimeType: string } }).audio.mimeType).toBe('audio/pcm;rate=16000')
  const pcm = Buffer.concat(server.receivedAudio().map((a) => a.pcm))
  const received = pcm16ToFloat(pcm)
  const receivedMs = (received.length / 16_000) * 1000

  // Duration: what was held, less the moment the mic takes to open; never more.
  expect(receivedMs).toBeGreaterThan(speech.durationMs * 0.75)
  expect(receivedMs).toBeLessThan(speech.durationMs * 1.1)

  // Loudness envelope: the sentence's shape, found at some point of the fake mic's loop.
  const reference = loudnessEnvelope(speech.samples, speech.sampleRate)
  const heard = loudnessEnvelope(received, 16_000)
  const { correlation } = bestCyclicCorrelation(reference, heard)
  expect(correlation).toBeGreaterThan(0.8)
  const speechMs = activeMs(reference)
  expect(Math.abs(activeMs(heard) - speechMs)).toBeLessThan(speechMs * 0.25)

  // The UI shows both sides, and the playback worklet reports the whole answer as played.
  const log = run.page.getByRole('log', { name: 'Conversation' })
  await expect(log).toContainText('ms of speech')
  await expect(log).toContainText('This is the fake Live server answering.')
  await expect.poll(() => Math.max(0, ...playbackReports().map(([, n]) => n)), { timeout: 10_000 }).toBeGreaterThanOrEqual(24_000 * 0.98)
})

test('talking over an answer silences playback at once, the server interrupts too, and the answer is marked as cut off', async () => {
  answerTypedQuestions({ inputTranscript: 'tell me a long story', audio: { ms: 8_000 }, audioChunkMs: 100, chunkDelayMs: 100, outputTranscript: LONG_STORY })
  const framesBefore = server.frames.length
  const storyTurn = await askAndHearASecond('Tell me a long story')
  const silencedBefore = await silencedCount()

  // Barge in: pressing Talk cuts playback here and sends activityStart; the server answers `interrupted`.
  await pressTalk()
  const cutAt = expectSilencedAtOnce(storyTurn, silencedBefore, { byPress: true })
  await serverSends('"interrupted"', framesBefore)
  await expect(run.page.getByText('Cut off — you interrupted here.')).toBeVisible()
  // Held past the click threshold, so letting go stops talking.
  await run.page.waitForTimeout(HOLD_THRESHOLD_MS)
  await run.page.mouse.up()

  expect(await cutAt).toBeLessThan(8 * 24_000)
})

test('the server cutting an answer on its own (its VAD heard the user) silences playback and marks the answer as cut off', async () => {
  const answering = answerTypedQuestions({ audio: { ms: 8_000 }, audioChunkMs: 100, chunkDelayMs: 100, outputTranscript: LONG_STORY })
  const cutMarks = run.page.getByText('Cut off — you interrupted here.')
  const marksBefore = await cutMarks.count()
  const turn = await askAndHearASecond('Tell me another long story')
  const framesBefore = server.frames.length
  const silencedBefore = await silencedCount()

  answering.connection!.interruptReply()
  await serverSends('"interrupted"', framesBefore)
  await expect(cutMarks).toHaveCount(marksBefore + 1)

  expect(await expectSilencedAtOnce(turn, silencedBefore, { byPress: false })).toBeLessThan(8 * 24_000)
})

test('pressing Talk while a finished answer is still playing silences it at once, though the server has nothing left to interrupt', async () => {
  // The whole answer arrives in a burst and the turn completes; the speaker is still seconds behind.
  answerTypedQuestions({ audio: { ms: 6_000 }, audioChunkMs: 100, chunkDelayMs: 0, outputTranscript: LONG_STORY })
  const cutMarks = run.page.getByText('Cut off — you interrupted here.')
  const marksBefore = await cutMarks.count()
  const framesBefore = server.frames.length
  const turn = await askAndHearASecond('And one more')
  await serverSends('"turnComplete"', framesBefore)
  const silencedBefore = await silencedCount()

  await pressTalk()
  const cutAt = expectSilencedAtOnce(turn, silencedBefore, { byPress: true })
  await expect(cutMarks).toHaveCount(marksBefore + 1)
  await run.page.waitForTimeout(HOLD_THRESHOLD_MS)
  await run.page.mouse.up()

  expect(await cutAt).toBeLessThan(4 * 24_000)
  // Silenced here: the server only saw the press, and had no answer left to cut.
  const afterPress = server.frames.slice(framesBefore)
  expect(afterPress.some((f) => f.direction === 'in' && f.text.includes('activityStart'))).toBe(true)
  expect(afterPress.some((f) => f.direction === 'out' && f.text.includes('"interrupted"'))).toBe(false)
})
