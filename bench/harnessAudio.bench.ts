import { performance } from 'node:perf_hooks'
import { FakeLiveServer } from '../test/support/fakeLive/fakeLiveServer'
import { openHarness } from '../test/e2e/harnessFixture'
import { makeSpeechWav } from '../test/support/speechWav'
import { measured, type BenchResult } from './benchResult'

const TURNS = 20

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
  const server = new FakeLiveServer({
    script: {
      async onTurn(connection, turn) {
        if (!turn.text) return
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
  const stats = () => page.evaluate(() => (window as unknown as ProbePage).__sightlineAudioStats ?? [])
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
    for (let i = 0; i < TURNS; i++) {
      const before = (await stats()).length
      await assistant.sendText(`turn ${i}`)
      await waitUntil(async () => (await stats()).slice(before).some((t) => t.kind === 'playbackStarted'))
      await page.waitForTimeout(replyMs + 200)
    }
    // Only an answer's first start counts; later starts follow an underrun between chunks.
    const started = (await stats())
      .filter((t): t is Extract<Timing, { kind: 'playbackStarted' }> => t.kind === 'playbackStarted')
      .filter((t, i, all) => all.findIndex((o) => o.turnId === t.turnId) === i)
    const arrivalToPlay = started.flatMap((t) => {
      const inMain = firstAudioInMain.get(t.turnId)
      return inMain === undefined ? [] : [pageOrigin + t.startedAt - inMain]
    })

    // 3. `interrupted` → silence: the user barges in on a long answer.
    replyMs = 5_000
    for (let i = 0; i < TURNS; i++) {
      const before = (await stats()).length
      await assistant.sendText(`long ${i}`)
      await waitUntil(async () => (await stats()).slice(before).some((t) => t.kind === 'playbackStarted'))
      await page.waitForTimeout(300)
      await assistant.setTalking(true, 'button')
      await waitUntil(async () => (await stats()).slice(before).some((t) => t.kind === 'silenced'))
      await assistant.setTalking(false, 'button')
      await page.waitForTimeout(200)
    }
    const silenced = (await stats()).filter((t): t is Extract<Timing, { kind: 'silenced' }> => t.kind === 'silenced')
    const interruptToSilence = silenced.slice(-interruptedInMain.length).map((t, i) => pageOrigin + t.silentAt - interruptedInMain[i]!)

    const note = 'through the browser harness: Chromium page ⇄ WebSocket bridge ⇄ real main-side engine ⇄ SDK ⇄ fake Live server'
    return [
      measured('voice (harness): mic sample → WebSocket send', 'ms', micToSend, 40, `first sample of a 20 ms chunk entering the capture worklet → its frame handed to the bridge socket; chunk length included; ${note}`),
      measured('voice (harness): audio chunk in main → first sample played', 'ms', arrivalToPlay, 40, `main emits the first audio chunk of an answer → the playback worklet starts it; ${note}`),
      measured('voice (harness): interrupted → playback silent', 'ms', interruptToSilence, 15, `main emits interrupted → the playback worklet rendered silence; ${note}`),
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
