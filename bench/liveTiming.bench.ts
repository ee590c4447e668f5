import { DEFAULT_LIVE_LIMITS } from '../electron/main/core/live/liveLimits'
import { LiveSession } from '../electron/main/core/live/liveSession'
import type { LiveSessionEvents } from '../electron/main/core/live/liveSessionEvents'
import { systemClock } from '../electron/main/platform/systemClock'
import { ToolRegistry } from '../electron/main/core/tools/toolRegistry'
import { GenaiLiveTransport } from '../electron/main/platform/genaiLiveTransport'
import { silentLogger } from '../electron/main/platform/pinoLogger'
import { DEFAULT_SETTINGS, applySettingsPatch } from '../shared/settings'
import { FakeLiveServer } from '../test/support/fakeLive/fakeLiveServer'
import type { BenchResult } from './benchResult'
import { keyCredentials } from '../electron/main/core/credentials/keyCredentials'

const MODEL = 'gemini-3.8-live'
const ANSWER_MS = 30_000
/** The status line's notice when Gemini stopped answering (liveSession.ts). */
const STALL_NOTICE = 'STALLED'

/**
 * A 30-second spoken answer under the real server's timing (wire sample u05: audio about 4×
 * faster than real time, `turnComplete` only when playback would end, ~22 s after
 * `generationComplete`), with production's limits (15 s stall timeout), through the real SDK
 * to the engine. It runs in real time, about 31 s. Budgets: 1 connection, 0 stall notices.
 */
export async function run(): Promise<BenchResult[]> {
  const server = new FakeLiveServer({ realTiming: true, handlesAfterFirstTurn: true })
  const baseUrl = await server.start()
  let stallNotices = 0
  let isAnswered = false
  let answered!: () => void
  const turnComplete = new Promise<void>((resolve) => (answered = resolve))
  const events: LiveSessionEvents = {
    onStatus: (s) => void (s.detail?.some((n) => n.code === STALL_NOTICE) && stallNotices++),
    onTranscript: () => {},
    onTurnEvent: (e) => {
      if (e.type !== 'turnComplete') return
      isAnswered = true
      answered()
    },
    onModelContent: () => {},
    onToolActivity: () => {},
    onAudioOut: () => {},
    onUsage: () => {},
    onError: () => {},
  }
  server.setScript({ onTurn: (c) => void c.reply({ audio: { ms: ANSWER_MS }, audioChunkMs: 320, outputTranscript: 'Once upon a time, a long story.' }) })
  const session = new LiveSession({
    transport: new GenaiLiveTransport({ baseUrl }),
    clock: systemClock,
    logger: silentLogger,
    tools: new ToolRegistry({ desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} }, confirm: async () => false, clock: systemClock }),
    credentials: keyCredentials(async () => 'test-key-1234'),
    events,
  })
  const started = performance.now()
  try {
    await session.start(applySettingsPatch(DEFAULT_SETTINGS, { model: MODEL, vad: { mode: 'push-to-talk' } }))
    session.activityStart()
    session.activityEnd()
    await Promise.race([turnComplete, new Promise((resolve) => setTimeout(resolve, ANSWER_MS * 2))])
  } finally {
    await session.stop()
    await server.stop()
  }
  const seconds = (performance.now() - started) / 1000
  const note = `${ANSWER_MS / 1000} s answer, audio 4× real time, turnComplete after playback, stall timeout ${DEFAULT_LIVE_LIMITS.stallTimeoutMs / 1000} s; ${isAnswered ? 'answered' : 'NO turnComplete within 60 s'}; ran ${seconds.toFixed(1)} s`
  const connections = server.connections.length
  return [
    { name: 'live timing: connections for a 30 s answer under real timing', unit: 'count', median: connections, p95: connections, budget: 1, ok: isAnswered && connections === 1, note },
    { name: 'live timing: stall notices for a 30 s answer under real timing', unit: 'count', median: stallNotices, p95: stallNotices, budget: 0, ok: isAnswered && stallNotices === 0, note },
  ]
}
