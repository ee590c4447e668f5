import { LiveSession } from '../electron/main/core/live/liveSession'
import type { LiveSessionEvents } from '../electron/main/core/live/liveSessionEvents'
import { systemClock } from '../electron/main/platform/systemClock'
import { ToolRegistry } from '../electron/main/core/tools/toolRegistry'
import { GenaiLiveTransport } from '../electron/main/platform/genaiLiveTransport'
import { silentLogger } from '../electron/main/platform/pinoLogger'
import { DEFAULT_SETTINGS, applySettingsPatch } from '../shared/settings'
import { FakeLiveServer } from '../test/support/fakeLive/fakeLiveServer'
import { measured, type BenchResult } from './benchResult'
import { keyCredentials } from '../electron/main/core/credentials/keyCredentials'

const RUNS = 50
const MODEL = 'gemini-3.8-live'

/**
 * The Live engine against the fake Live server, through the real SDK over a real socket:
 * connect → setupComplete time, and the GoAway rotation gap (no connection able to send,
 * from leaving the old socket to the held input being flushed on the new one) with audio
 * flowing, plus the chunks lost across all rotations.
 */
export async function run(): Promise<BenchResult[]> {
  const server = new FakeLiveServer()
  const baseUrl = await server.start()
  try {
    return [await connectTimes(baseUrl, server), ...(await rotationGaps(baseUrl, server))]
  } finally {
    await server.stop()
  }
}

async function connectTimes(baseUrl: string, server: FakeLiveServer): Promise<BenchResult> {
  const transport = new GenaiLiveTransport({ baseUrl })
  const { config, apiVersion } = { config: { responseModalities: ['AUDIO' as const], sessionResumption: {} }, apiVersion: 'v1beta' as const }
  const samples: number[] = []
  const noop = () => {}
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now()
    const connection = await transport.connect({ apiKey: 'test-key-1234', model: MODEL, apiVersion, config }, { onMessage: noop, onClose: noop, onError: noop })
    if (i >= 3) samples.push(performance.now() - started)
    connection.close()
    await server.connections.at(-1)!.waitForClose()
  }
  return measured('live: connect → setupComplete (fake server, real SDK)', 'ms', samples, null, 'local socket, includes SDK client construction; the first 3 runs are warm-up')
}

async function rotationGaps(baseUrl: string, server: FakeLiveServer): Promise<BenchResult[]> {
  const gaps: number[] = []
  let leftAt = 0
  const events: LiveSessionEvents = {
    onStatus: (s) => {
      if (s.state === 'reconnecting') leftAt = performance.now()
      else if (s.state === 'live' && s.resumed) gaps.push(performance.now() - leftAt)
    },
    onTranscript: () => {},
    onTurnEvent: () => {},
    onModelContent: () => {},
    onToolActivity: () => {},
    onAudioOut: () => {},
    onUsage: () => {},
    onError: (e) => {
      throw new Error(`session error during bench: ${e.code} ${e.message}`)
    },
  }
  const session = new LiveSession({
    transport: new GenaiLiveTransport({ baseUrl }),
    clock: systemClock,
    logger: silentLogger,
    tools: new ToolRegistry({ desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} }, confirm: async () => false, clock: systemClock }),
    credentials: keyCredentials(async () => 'test-key-1234'),
    events,
    // The fake sends a goAway right after each rotation, so every connection here lives a few ms:
    // the storm guard would (rightly) back off. This bench measures the rotation gap itself.
    limits: { shortLivedConnectionMs: 0 },
  })
  await session.start(applySettingsPatch(DEFAULT_SETTINGS, { model: MODEL, vad: { mode: 'push-to-talk' } }))
  session.activityStart()
  let sequence = 0
  const chunk = new Uint8Array(640)
  const mic = setInterval(() => {
    new DataView(chunk.buffer).setUint32(0, sequence++, true)
    session.sendAudio(chunk)
  }, 20)
  try {
    for (let i = 0; i < RUNS; i++) {
      const connection = server.connections.at(-1)!
      const before = gaps.length
      // timeLeft shorter than the safety margin: the engine rotates at once.
      await connection.goAway('1s', { closeAfterMs: null })
      await until(() => gaps.length > before)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
  } finally {
    clearInterval(mic)
  }
  await until(() => server.receivedAudio().length === sequence)
  await session.stop()
  const received = server.receivedAudio().map((a) => a.pcm.readUInt32LE(0))
  const lost = sequence - new Set(received).size
  const isInOrder = received.every((n, i) => n === i)
  return [
    measured('live: GoAway rotation gap (no connection able to send)', 'ms', gaps, 300, 'from leaving the old socket to held input flushed on the resumed one, 20 ms mic chunks flowing'),
    {
      name: 'live: input chunks lost across 50 GoAway rotations',
      unit: 'chunks',
      median: lost,
      p95: lost,
      budget: 0,
      ok: lost === 0 && isInOrder,
      note: `${sequence} chunks sent, ${received.length} received, ${isInOrder ? 'in order, each once' : 'OUT OF ORDER or duplicated'}`,
    },
  ]
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('bench: timed out')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
