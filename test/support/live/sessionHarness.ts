import { vi } from 'vitest'
import { LiveSession, type LiveSessionLimits } from '../../../electron/main/core/live/liveSession'
import type { ModelDiscovery } from '../../../electron/main/core/models/modelDiscovery'
import type { ConversationStore } from '../../../electron/main/core/ports'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { DEFAULT_SETTINGS, applySettingsPatch, type Settings, type SettingsPatch } from '../../../shared/settings'
import { EventLog, MemoryLogger } from './eventLog'
import { FakeLiveTransport } from './fakeLiveTransport'
import { ManualClock } from './manualClock'
import { keyCredentials } from '../../../electron/main/core/credentials/keyCredentials'

/** Today's Live models, one per family (live-protocol.md §0.1); GEMINI_38 is the default. */
export const GEMINI_38 = 'gemini-3.8-live'
export const EXTENDED_THINKING = 'gemini-3.8-live-extended-thinking'
export const NATIVE_AUDIO = 'gemini-2.5-flash-native-audio-preview-12-2025'
export const FLASH_31 = 'gemini-3.1-flash-live-preview'

/** Small limits so tests read in round numbers. */
export const TEST_LIMITS: Partial<LiveSessionLimits> = {
  firstRetryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  retryBudgetMs: 20_000,
  connectTimeoutMs: 5_000,
  maxBufferedAudioChunks: 50,
  maxBufferedVideoFrames: 2,
  stallTimeoutMs: 10_000,
  goAwaySafetyMarginMs: 2_000,
  closeWaitMs: 500,
  handleLifetimeMs: 60 * 60_000,
  // These tests drop a connection the instant it opens, to test what follows one drop; the
  // reconnect-storm tests (a connection dying right after setup) set the production value.
  shortLivedConnectionMs: 0,
}

/** A LiveSession wired to an in-memory transport, a manual clock and recorders. */
export function sessionHarness(
  options: {
    key?: string | null
    limits?: Partial<LiveSessionLimits>
    random?: () => number
    confirm?: boolean
    store?: ConversationStore
    clock?: ManualClock
    mayDeliverVideo?: () => boolean
    models?: ModelDiscovery
    onModelReplaced?: (from: string, to: string) => void
  } = {},
) {
  const clock = options.clock ?? new ManualClock()
  const transport = new FakeLiveTransport()
  const log = new EventLog()
  const logger = new MemoryLogger()
  const desktop = { openInBrowser: vi.fn(async () => {}), writeClipboard: vi.fn(async () => {}) }
  const tools = new ToolRegistry({ desktop, clock, confirm: async () => options.confirm ?? true })
  const session = new LiveSession({
    transport,
    clock,
    logger,
    tools,
    events: log.events,
    credentials: keyCredentials(async () => (options.key === undefined ? 'test-key-1234' : options.key)),
    random: options.random ?? (() => 1),
    limits: { ...TEST_LIMITS, ...options.limits },
    conversationStore: options.store,
    mayDeliverVideo: options.mayDeliverVideo,
    models: options.models,
    onModelReplaced: options.onModelReplaced,
  })
  const settings = (patch: SettingsPatch = {}): Settings => applySettingsPatch(DEFAULT_SETTINGS, { model: GEMINI_38, ...patch })
  /** Starts and accepts the first connect. */
  const startLive = async (patch: SettingsPatch = {}) => {
    transport.onAttempt = (a) => a.accept('h1')
    await session.start(settings(patch))
    transport.onAttempt = null
  }
  return { clock, transport, log, logger, desktop, tools, session, settings, startLive }
}

/** What a fresh session that replaces a refused resume sends first: the conversation so far, as context without a turn. */
export function seededConversation(question: string, answer: string) {
  return {
    kind: 'clientContent',
    payload: {
      turns: [
        { role: 'user', parts: [{ text: question }] },
        { role: 'model', parts: [{ text: answer }] },
      ],
      turnComplete: false,
    },
  }
}

/** A PCM chunk whose bytes carry its sequence number, so order and loss can be checked. */
export function numberedChunk(n: number): Uint8Array {
  const bytes = new Uint8Array(640)
  new DataView(bytes.buffer).setUint32(0, n, true)
  return bytes
}

/** Reads the sequence number back out of a base64 chunk sent on the wire. */
export function chunkNumber(base64: string): number {
  const bytes = Buffer.from(base64, 'base64')
  return bytes.readUInt32LE(0)
}
