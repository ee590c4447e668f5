import { LiveSession, type LiveSessionLimits } from '../../../electron/main/core/live/liveSession'
import type { Clock, ConversationStore } from '../../../electron/main/core/ports'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { DEFAULT_SETTINGS, applySettingsPatch, type Settings, type SettingsPatch } from '../../../shared/settings'
import { FakeLiveServer, type FakeLiveServerOptions } from '../fakeLive/fakeLiveServer'
import { EventLog, MemoryLogger } from '../live/eventLog'
import { GEMINI_38, micChunk, waitFor } from '../live/liveHarness'
import type { ScenarioOutcome } from './faultLedger'
import { FlakyNetwork } from './flakyNetwork'
import { RecordingTransport } from './recordingTransport'
import { keyCredentials } from '../../../electron/main/core/credentials/keyCredentials'

export { GEMINI_38, waitFor }

/** Short limits so real-time scenarios finish quickly; the stepped-clock scenarios use production values. */
export const QUICK_LIMITS: Partial<LiveSessionLimits> = {
  firstRetryDelayMs: 50,
  maxRetryDelayMs: 400,
  retryBudgetMs: 5_000,
  connectTimeoutMs: 5_000,
  closeWaitMs: 500,
  stallTimeoutMs: 2_000,
  goAwaySafetyMarginMs: 1_000,
  probeTimeoutMs: 500,
  shortLivedConnectionMs: 500,
}

export interface FaultRigOptions {
  server?: FakeLiveServerOptions
  /** Talk to this already running server instead of starting one (a restarted app, same Google). */
  existingServer?: FakeLiveServer
  limits?: Partial<LiveSessionLimits>
  clock?: Clock
  /** Put a {@link FlakyNetwork} between the engine and the server. */
  viaNetwork?: boolean
  key?: string
  store?: ConversationStore
  confirm?: () => Promise<boolean>
}

/**
 * One fault scenario's world: the fake Live server on a real socket (optionally behind a flaky
 * network), the real GenaiLiveTransport and SDK, the real LiveSession, and a microphone that
 * numbers its chunks so loss, duplication and order can be checked on the server's wire log.
 */
export async function faultRig(options: FaultRigOptions = {}) {
  const server = options.existingServer ?? new FakeLiveServer(options.server)
  const serverUrl = options.existingServer ? server.baseUrl : await server.start()
  const network = options.viaNetwork ? await FlakyNetwork.start(serverUrl) : null
  const logger = new MemoryLogger()
  const transport = new RecordingTransport(new GenaiLiveTransport({ baseUrl: network?.baseUrl ?? serverUrl, logger }))
  const log = new EventLog()
  const clock = options.clock ?? systemClock
  const desktop = { openInBrowser: async () => {}, writeClipboard: async () => {} }
  const tools = new ToolRegistry({ desktop, clock, confirm: options.confirm ?? (async () => true) })
  const session = new LiveSession({
    transport,
    clock,
    logger,
    tools,
    events: log.events,
    credentials: keyCredentials(async () => options.key ?? 'test-key-1234'),
    limits: { ...QUICK_LIMITS, ...options.limits },
    conversationStore: options.store,
  })
  const settings = (patch: SettingsPatch = {}): Settings =>
    applySettingsPatch(DEFAULT_SETTINGS, { model: GEMINI_38, vad: { mode: 'push-to-talk' }, ...patch })
  const mic = new NumberedMic((chunk) => session.sendAudio(chunk))

  /** Compares what the mic said with what reached the server. */
  const audit = () => {
    const received = server.receivedAudio().map((a) => a.pcm.readUInt32LE(0))
    const seen = new Set(received)
    const lost = mic.pushed.filter((n) => !seen.has(n))
    const handedTo = new Map<number, number>()
    transport.connections.forEach((c, i) => c.handed.forEach((n) => handedTo.set(n, i)))
    let lostInFlight = 0
    let neverHanded = 0
    for (const n of lost) {
      const index = handedTo.get(n)
      if (index === undefined) {
        neverHanded++
        continue
      }
      const c = transport.connections[index]!
      // In flight at a cut: written to a socket the peer had killed, after the last chunk that socket delivered.
      const isTail = c.handed.slice(c.handed.indexOf(n)).every((m) => !seen.has(m))
      if (c.endedBy === 'peer' && isTail) lostInFlight++
    }
    const droppedByBound = Math.min(neverHanded, session.stats.droppedChunks)
    return {
      pushed: mic.pushed.length,
      received: received.length,
      duplicates: received.length - seen.size,
      outOfOrder: received.filter((n, i) => i > 0 && n <= received[i - 1]!).length,
      lostInFlight,
      droppedByBound,
      lostBeyondBound: lost.length - lostInFlight - droppedByBound,
    }
  }

  /** Waits until every chunk that can arrive has arrived (or the wait runs out), then audits. */
  const settleAndAudit = async (timeoutMs = 3_000) => {
    await waitFor(() => audit().lostBeyondBound + audit().lostInFlight === 0 || undefined, 'all chunks on the wire', timeoutMs).catch(() => undefined)
    return audit()
  }

  /** A finished scenario's line for the ledger. */
  const outcome = (name: string, shouldRecover: boolean, a: ReturnType<typeof audit>): ScenarioOutcome => ({
    name,
    shouldRecover,
    recovered: session.state === 'live',
    lostBeyondBound: a.lostBeyondBound,
    lostInFlight: a.lostInFlight,
    droppedByBound: a.droppedByBound,
    duplicates: a.duplicates,
  })

  const stop = async () => {
    mic.stop()
    await session.stop()
    await network?.close()
    if (!options.existingServer) await server.stop()
  }
  return { server, network, logger, transport, log, clock, session, settings, mic, audit, settleAndAudit, outcome, stop }
}

export type FaultRig = Awaited<ReturnType<typeof faultRig>>

/** A microphone whose chunks carry sequence numbers; it remembers every chunk it handed to the engine. */
export class NumberedMic {
  readonly pushed: number[] = []
  private next = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly sink: (chunk: Uint8Array) => void) {}

  push(count = 1): void {
    for (let i = 0; i < count; i++) {
      const n = this.next++
      this.pushed.push(n)
      this.sink(micChunk(n))
    }
  }

  /** Speaks continuously: one 20 ms chunk every `everyMs` of real time. */
  stream(everyMs = 5): void {
    this.stop()
    this.timer = setInterval(() => this.push(), everyMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}

/** Resolves after `ms` of real time. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
