import { performance } from 'node:perf_hooks'
import { FakeLiveServer } from '../test/support/fakeLive/fakeLiveServer'
import type { FakeLiveConnection } from '../test/support/fakeLive/fakeLiveConnection'
import { openHarness } from '../test/e2e/harnessFixture'
import { makeSpeechWav } from '../test/support/speechWav'
import { measured, type BenchResult } from './benchResult'

const TURNS = 30

type Timing =
  | { kind: 'chunkCaptured'; capturedAt: number; deliveredAt: number }
  | { kind: 'playbackStarted'; turnId: number; chunkArrivedAt: number; startedAt: number }
  | { kind: 'silenced'; requestedAt: number; silentAt: number }

interface ProbePage {
  __sightlineAudioStats?: Timing[]
  __audioSends?: number[]
}

/** Runs in the page first: collects the audio engine's timings and when each mic chunk leaves on the bridge socket. */
function probe(): void {
  const w = window as unknown as ProbePage & { __sightlineAudioDebug: boolean }
  w.__sightlineAudioDebug = true
  w.__audioSends = []
  const send = WebSocket.prototype.send
  WebSocket.prototype.send = function (data) {
    if (data instanceof Uint8Array && new TextDecoder().decode(data.subarray(4, 200)).includes('"channel":"media:audio"')) {
      w.__audioSends!.push(performance.now())
    }
    return send.call(this, data)
  }
}

/**
 * The audio budgets end to end through the browser harness: the real page in Chromium (fake mic
 * playing espeak-ng), the WebSocket bridge, the real main-side engine and the SDK to the fake Live
 * server. Page and Node times are put on one clock with performance.timeOrigin (same machine).
 */
export async function run(): Promise<BenchResult[]> {
  const speech = makeSpeechWav('Sightline, read me the numbers on this screen, please.')
  let replyMs = 600
  let answering: FakeLiveConnection | null = null
  const server = new FakeLiveServer({
    // Its VAD never hears the fake mic: in hands-free mode the bench says when the server interrupts.
    speechThreshold: 2,
    script: {
      async onTurn(connection, turn) {
        if (!turn.text) return
        answering = connection
        // Streamed at twice real time, as the real server streams ahead of playback.
        await connection.reply({ audio: { ms: replyMs }, audioChunkMs: 100, chunkDelayMs: 50, outputTranscript: 'Here you go.' })
      },
    },
  })
  const run = await openHarness({ baseUrl: await server.start(), env: { GEMINI_API_KEY: 'bench-key-1234' }, fakeMicWav: speech.path, initScript: probe })
  const mainClock = () => performance.timeOrigin + performance.now()
  const firstAudioInMain = new Map<number, number>()
  const interruptedInMain: number[] = []
  run.harness.bridge.onTraffic((direction, message) => {
    if (direction !== 'out' || message.type !== 'event') return
    const payload = message.payload as { turnId?: number; type?: string }
    if (message.channel === 'session:audio' && payload.turnId !== undefined && !firstAudioInMain.has(payload.turnId)) firstAudioInMain.set(payload.turnId, mainClock())
    if (message.channel === 'session:turn' && payload.type === 'interrupted') interruptedInMain.push(mainClock())
  })
  const { page } = run
  // Read from the page only when a step is done: polling it while audio plays would load the very thread being measured.
  const stats = () => page.evaluate(() => (window as unknown as ProbePage).__sightlineAudioStats ?? [])
  const statCount = () => page.evaluate(() => (window as unknown as ProbePage).__sightlineAudioStats?.length ?? 0)
  const nextTiming = async <K extends Timing['kind']>(kind: K, from: number): Promise<Extract<Timing, { kind: K }>> => {
    const found = await page.waitForFunction(
      ([k, f]) => (window as unknown as ProbePage).__sightlineAudioStats?.slice(f).find((t) => t.kind === k) ?? null,
      [kind, from] as const,
      { polling: 50, timeout: 10_000 },
    )
    return (await found.jsonValue()) as Extract<Timing, { kind: K }>
  }
  /** Types a question and waits until its answer starts playing; `before` marks where this step's timings begin. */
  const askUntilPlaying = async (text: string) => {
    const before = await statCount()
    await run.harness.services.assistant.sendText(text)
    return { before, started: await nextTiming('playbackStarted', before) }
  }
  try {
    const pageOrigin = await page.evaluate(() => performance.timeOrigin)
    const assistant = run.harness.services.assistant
    await page.getByRole('button', { name: 'Talk', exact: true }).waitFor()

    // 1. Mic sample → WebSocket send: hold Talk for the sentence.
    const talk = (await page.getByRole('button', { name: 'Talk', exact: true }).boundingBox())!
    await page.mouse.move(talk.x + talk.width / 2, talk.y + talk.height / 2)
    await page.mouse.down()
    await page.waitForTimeout(Math.max(3_000, speech.durationMs))
    await page.mouse.up()
    await page.waitForTimeout(300)
    const captured = (await stats()).filter((t) => t.kind === 'chunkCaptured')
    const sends = await page.evaluate(() => (window as unknown as ProbePage).__audioSends ?? [])
    const micToSend = captured.slice(0, sends.length).map((c, i) => sends[i]! - c.capturedAt)

    // 2. Audio chunk in main → first sample played, over TURNS answers.
    const arrivalToPlay: number[] = []
    for (let i = 0; i < TURNS; i++) {
      const { started } = await askUntilPlaying(`turn ${i}`)
      const inMain = firstAudioInMain.get(started.turnId)
      if (inMain !== undefined) arrivalToPlay.push(pageOrigin + started.startedAt - inMain)
      await page.waitForTimeout(replyMs + 200)
    }

    // 3. `interrupted` → silence, hands-free: the mic streams all along and the server's VAD cuts
    // the answer (the bench says when, 300 ms into playback).
    replyMs = 5_000
    await assistant.stopSession()
    await assistant.updateSettings({ vad: { mode: 'hands-free' } })
    await assistant.setTalking(true, 'button')
    await page.waitForTimeout(500)
    const interruptToSilence: number[] = []
    for (let i = 0; i < TURNS; i++) {
      const interruptsBefore = interruptedInMain.length
      const { before } = await askUntilPlaying(`long ${i}`)
      await page.waitForTimeout(300)
      answering!.interruptReply()
      const silenced = await nextTiming('silenced', before)
      await waitUntil(async () => interruptedInMain.length > interruptsBefore)
      interruptToSilence.push(pageOrigin + silenced.silentAt - interruptedInMain[interruptsBefore]!)
      await page.waitForTimeout(200)
    }
    await assistant.setTalking(false, 'button')

    // 4. The hotkey pressed over an answer (push-to-talk): silenced here, before the server's `interrupted`.
    await assistant.stopSession()
    await assistant.updateSettings({ vad: { mode: 'push-to-talk' } })
    const pressToSilence: number[] = []
    for (let i = 0; i < TURNS; i++) {
      const { before } = await askUntilPlaying(`press ${i}`)
      await page.waitForTimeout(300)
      const pressedAt = mainClock()
      await assistant.setTalking(true, 'hotkey')
      const silenced = await nextTiming('silenced', before)
      pressToSilence.push(pageOrigin + silenced.silentAt - pressedAt)
      await assistant.setTalking(false, 'hotkey')
      await page.waitForTimeout(200)
    }

    const note = 'through the browser harness: Chromium page ⇄ WebSocket bridge ⇄ real main-side engine ⇄ SDK ⇄ fake Live server'
    return [
      measured('voice (harness): mic sample → WebSocket send', 'ms', micToSend, 40, `first sample of a 20 ms chunk entering the capture worklet → its frame handed to the bridge socket; chunk length included; ${note}`),
      measured('voice (harness): audio chunk in main → first sample played', 'ms', arrivalToPlay, 40, `main emits the first audio chunk of an answer → the playback worklet starts it; ${note}`),
      measured(
        'voice (harness): interrupted → playback silent',
        'ms',
        interruptToSilence,
        15,
        `hands-free, mic streaming: main emits the server's interrupted → the page hears from the playback worklet that it rendered silence; ${note}`,
      ),
      measured(
        'voice (harness): hotkey pressed over an answer → playback silent',
        'ms',
        pressToSilence,
        15,
        `push-to-talk: main takes the press → the page hears from the playback worklet that it rendered silence, while the mic opens; no server round trip; ${note}`,
      ),
    ]
  } finally {
    await run.close()
    await server.stop()
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('bench step timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
