import { vi } from 'vitest'
import { LiveSession, type LiveSessionLimits } from '../../../electron/main/core/live/liveSession'
import { ModelDiscovery } from '../../../electron/main/core/models/modelDiscovery'
import type { ConversationStore } from '../../../electron/main/core/ports'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { DEFAULT_SETTINGS, applySettingsPatch, type Settings, type SettingsPatch } from '../../../shared/settings'
import { FakeLiveServer, TEXT_TEST_MODEL, type FakeLiveServerOptions } from '../fakeLive/fakeLiveServer'
import type { LiveModel } from '../../../shared/modelCatalogue'
import { EventLog, MemoryLogger } from './eventLog'
import { GEMINI_38 } from './sessionHarness'
import { keyCredentials } from '../../../electron/main/core/credentials/keyCredentials'

export { TEXT_TEST_MODEL } from '../fakeLive/fakeLiveServer'
export { EXTENDED_THINKING, FLASH_31, GEMINI_38, NATIVE_AUDIO } from './sessionHarness'

/** The real engine (LiveSession + GenaiLiveTransport + the real SDK) against the fake server over a real socket. */
export async function liveHarness(
  options: {
    server?: FakeLiveServerOptions
    limits?: Partial<LiveSessionLimits>
    key?: string
    confirm?: () => Promise<boolean>
    store?: ConversationStore
    /** An already running server (an app restart against the same service). */
    existingServer?: FakeLiveServer
    models?: ModelDiscovery
    onModelReplaced?: (from: string, to: string) => void
  } = {},
) {
  const server = options.existingServer ?? new FakeLiveServer(options.server)
  const baseUrl = options.existingServer ? server.baseUrl : await server.start()
  const logger = new MemoryLogger()
  const transport = new GenaiLiveTransport({ baseUrl, logger })
  const log = new EventLog()
  const desktop = { openInBrowser: vi.fn(async () => {}), writeClipboard: vi.fn(async () => {}) }
  const tools = new ToolRegistry({ desktop, clock: systemClock, confirm: options.confirm ?? (async () => true) })
  const session = new LiveSession({
    transport,
    clock: systemClock,
    logger,
    tools,
    events: log.events,
    credentials: keyCredentials(async () => options.key ?? 'test-key-1234'),
    limits: { firstRetryDelayMs: 50, maxRetryDelayMs: 400, retryBudgetMs: 5_000, connectTimeoutMs: 5_000, closeWaitMs: 1_000, ...options.limits },
    conversationStore: options.store,
    models: options.models,
    onModelReplaced: options.onModelReplaced,
  })
  const settings = (patch: SettingsPatch = {}): Settings => applySettingsPatch(DEFAULT_SETTINGS, { model: GEMINI_38, ...patch })
  const stop = async () => {
    await session.stop()
    await server.stop()
  }
  return { server, baseUrl, logger, transport, log, desktop, tools, session, settings, stop }
}

/** Polls until `probe` returns something truthy (real sockets, real time). */
export async function waitFor<T>(probe: () => T | undefined | null | false, label = 'condition', timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** 20 ms of 16 kHz PCM16 whose first four bytes carry a sequence number (and a voiced level when asked). */
export function micChunk(sequence: number, options: { isVoiced?: boolean } = {}): Uint8Array {
  const bytes = new Uint8Array(640)
  const view = new DataView(bytes.buffer)
  if (options.isVoiced) for (let i = 2; i < 320; i++) view.setInt16(i * 2, Math.round(8000 * Math.sin(i / 3)), true)
  view.setUint32(0, sequence, true)
  return bytes
}

/**
 * The engine's side of the fake's {@link TEXT_TEST_MODEL}: a discovery that gives it a profile
 * answering in TEXT (no current Live model does), for tests of text answers and the recorded
 * TEXT-session wire samples. Serve it with `server: { models: [...CURRENT_LIVE_MODELS, TEXT_TEST_MODEL] }`.
 */
export function withTextTestModel(): ModelDiscovery {
  return new (class extends ModelDiscovery {
    override resolve(id: string): LiveModel {
      const model = super.resolve(id)
      return id === TEXT_TEST_MODEL.id ? { ...model, modalities: ['TEXT', 'AUDIO'], acceptsClientContent: true, historySeeding: 'client-content' } : model
    }
  })({ logger: new MemoryLogger(), clock: systemClock })
}
