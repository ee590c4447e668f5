import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeServices } from '../../../electron/main/composeServices'
import type { EventMethod, EventPayload } from '../../../shared/ipcContract'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { InMemorySecretStore } from '../inMemorySecretStore'
import { JsonFileConversationStore } from '../../../electron/main/platform/jsonFileConversationStore'
import { JsonFileSettingsRepository } from '../../../electron/main/platform/jsonFileSettingsRepository'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'
import { FakeLiveServer } from '../fakeLive/fakeLiveServer'
import { OWN_PAGE, trustOwnPage } from '../routerFixtures'
import { MemoryLogger } from '../live/eventLog'

/**
 * Main as the app builds it (composeServices: the real Assistant, LiveSession, router and
 * handlers), with real adapters wherever they run here: the SDK transport against the fake Live
 * server, settings and the kept conversation as files in a temporary folder, sharp for frames.
 * Only the OS pieces are stand-ins: the keychain (in memory), the browser and clipboard
 * (recorded), the screen picker (one fake screen).
 */
export async function mainWorld() {
  const server = new FakeLiveServer()
  const baseUrl = await server.start()
  const dir = mkdtempSync(join(tmpdir(), 'sightline-fuzz-'))
  const logger = new MemoryLogger()
  const events: { method: EventMethod; payload: unknown }[] = []
  const opened: string[] = []
  let forward: (<M extends EventMethod>(method: M, payload: EventPayload<M>) => void) | null = null
  const services = await composeServices({
    transport: new GenaiLiveTransport({ baseUrl, logger }),
    secretStore: new InMemorySecretStore(),
    settingsRepository: new JsonFileSettingsRepository({ directory: dir }),
    conversationStore: new JsonFileConversationStore({ directory: dir, macSecret: new InMemorySecretStore(), logger }),
    frameEncoder: new SharpFrameEncoder(),
    desktop: {
      openInBrowser: async (url) => void opened.push(url),
      writeClipboard: async () => {},
    },
    screens: { list: async () => [{ id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnail: null }], select: () => {} },
    clock: systemClock,
    logger,
    env: {},
    appInfo: { name: 'Sightline', version: '0.0.0-fuzz', platform: process.platform, isHarness: true },
    emit: <M extends EventMethod>(method: M, payload: EventPayload<M>) => {
      events.push({ method, payload })
      forward?.(method, payload)
    },
    isTrustedSender: trustOwnPage,
    liveLimits: { firstRetryDelayMs: 50, maxRetryDelayMs: 200, retryBudgetMs: 2_000, connectTimeoutMs: 5_000, closeWaitMs: 300 },
  })
  const stop = async () => {
    await services.live.stop()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  /** Also sends every event to a page (the harness bridge), as the app's carrier does. */
  const forwardEvents = (to: typeof forward) => void (forward = to)
  return { server, services, logger, events, opened, ownPage: OWN_PAGE, forwardEvents, stop }
}

export type MainWorld = Awaited<ReturnType<typeof mainWorld>>

/** Puts the app in a known good state through the contract, as the user would in Settings. */
export async function makeUsable(invoke: (channel: string, payload: unknown) => Promise<{ ok: boolean }>): Promise<void> {
  const steps: [string, unknown][] = [
    ['session:stop', undefined],
    ['settings:update', { model: 'gemini-3.1-flash-live-preview', vad: { mode: 'push-to-talk' } }],
    ['key:set', { key: 'test-key-1234', keepIn: 'memory' }],
  ]
  for (const [channel, payload] of steps) {
    const result = await invoke(channel, payload)
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result)}`)
  }
}
