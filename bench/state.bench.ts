import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { composeServices } from '../electron/main/composeServices'
import type { EmitEvent } from '../electron/main/core/assistant'
import type { Clock, TimerHandle } from '../electron/main/core/ports'
import { activityOf } from '../electron/main/core/state/activity'
import { startWebHarnessServer } from '../electron/main/harness/webHarnessServer'
import { WebSocketIpcServer } from '../electron/main/ipc/webSocketIpcServer'
import { GenaiLiveTransport } from '../electron/main/platform/genaiLiveTransport'
import { JsonFileSettingsRepository } from '../electron/main/platform/jsonFileSettingsRepository'
import { silentLogger } from '../electron/main/platform/pinoLogger'
import { SharpFrameEncoder } from '../electron/main/platform/sharpFrameEncoder'
import { systemClock } from '../electron/main/platform/systemClock'
import { trayMenuModel, trayViewOf, type TrayMenuModel } from '../electron/main/platform/trayMenuModel'
import { BridgeClient } from '../test/support/bridgeClient'
import { FakeLiveServer } from '../test/support/fakeLive/fakeLiveServer'
import { InMemorySecretStore } from '../test/support/inMemorySecretStore'
import { measured, type BenchResult } from './benchResult'
import { translatorFor } from '../shared/i18n/translate'

const TOGGLES = 200
const LATE_WINDOWS = 100
const IDLE_MS = 2_000
/** The budget: the tray and the call bar react to a state change within 50 ms. */
const REACTION_BUDGET_MS = 50

/** The real clock, counting every timer armed (a poll would arm one again and again). */
function countingClock(): Clock & { armed: number } {
  const clock = {
    armed: 0,
    now: () => systemClock.now(),
    setTimeout(callback: () => void, ms: number): TimerHandle {
      clock.armed++
      return systemClock.setTimeout(callback, ms)
    },
    clearTimeout: (handle: TimerHandle) => systemClock.clearTimeout(handle),
  }
  return clock
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * How fast the tray and the call bar follow main's state, through the real subscription
 * paths: a talk change made the way the hotkey makes it (Assistant.toggleTalk) → AppState →
 * onStateChange → the tray's menu model; and → the contract event over the harness's WebSocket
 * bridge to a page (the call bar's path). Also a late window's snapshot, and whether anything
 * arms timers while nothing happens (no polling).
 */
export async function run(): Promise<BenchResult[]> {
  const live = new FakeLiveServer()
  const baseUrl = await live.start()
  const dir = mkdtempSync(join(tmpdir(), 'sightline-state-bench-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><title>stub</title>')
  writeFileSync(join(dir, 'bridge.js'), '')
  const clock = countingClock()
  let bridge: WebSocketIpcServer | null = null
  const emit: EmitEvent = (method, payload) => bridge?.emit(method, payload)
  let origin = ''
  const services = await composeServices({
    transport: new GenaiLiveTransport({ baseUrl, logger: silentLogger }),
    secretStore: new InMemorySecretStore(),
    settingsRepository: new JsonFileSettingsRepository({ directory: dir }),
    frameEncoder: new SharpFrameEncoder(),
    desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} },
    screens: { list: async () => [], select: () => {} },
    clock,
    logger: silentLogger,
    env: { GEMINI_API_KEY: 'bench-key-1234' },
    appInfo: { name: 'Sightline', version: '0.0.0-bench', platform: process.platform, isHarness: true },
    emit,
    isTrustedSender: (sender) => sender.isTopFrame && sender.origin === origin,
  })
  bridge = new WebSocketIpcServer(services.router, silentLogger)
  const server = await startWebHarnessServer({ rendererDir: join(dir, 'renderer'), bridgeScriptFile: join(dir, 'bridge.js'), bridge })
  origin = server.origin
  const page = await BridgeClient.connect(server)
  try {
    await services.assistant.startSession()

    // The tray's path: onStateChange → the menu model trayAndShortcuts hands to TrayMenu.
    let lastModel: TrayMenuModel | null = null
    let modelAt = 0
    const tray = services.state.onStateChange(({ state }) => {
      lastModel = trayMenuModel(trayViewOf(state, false, translatorFor('en')))
      modelAt = performance.now()
    })
    const trayMs: number[] = []
    const callBarMs: number[] = []
    for (let i = 0; i < TOGGLES; i++) {
      const wantTalking = !services.assistant.talkState.isTalking
      const seen = page.events.length
      const t0 = performance.now()
      services.assistant.toggleTalk()
      const model = lastModel as TrayMenuModel | null
      if (model?.activity !== (wantTalking ? 'listening' : activityOf(services.state.state))) throw new Error('the tray did not follow the change')
      trayMs.push(modelAt - t0)
      // The call bar's path: the talk:state event reaching a page over the real bridge.
      for (;;) {
        const event = page.events.slice(seen).find((e) => e.type === 'event' && e.channel === 'talk:state')
        if (event) {
          callBarMs.push(performance.now() - t0)
          break
        }
        if (performance.now() - t0 > 5_000) throw new Error('the page never heard the talk change')
        await new Promise((resolve) => setImmediate(resolve))
      }
      await sleep(2)
    }
    tray.dispose()
    if (services.assistant.talkState.isTalking) services.assistant.toggleTalk()

    // A late window: connect, ask once for the snapshot.
    const lateMs: number[] = []
    for (let i = 0; i < LATE_WINDOWS; i++) {
      const t0 = performance.now()
      const late = await BridgeClient.connect(server)
      const snapshot = await late.invoke('app:snapshot', undefined)
      lateMs.push(performance.now() - t0)
      late.close()
      if (!snapshot.ok) throw new Error(`snapshot refused: ${JSON.stringify(snapshot)}`)
    }

    // Idle: with a live session, the tray and a page subscribed, nothing should arm a timer.
    const follow = services.state.onStateChange(() => {})
    await sleep(300)
    const armedBefore = clock.armed
    await sleep(IDLE_MS)
    const armedWhileIdle = clock.armed - armedBefore
    follow.dispose()

    return [
      measured('state: talk change → tray menu model', 'ms', trayMs, REACTION_BUDGET_MS, 'Assistant.toggleTalk → AppState → onStateChange → trayMenuModel, in process'),
      measured('state: talk change → call bar page hears it', 'ms', callBarMs, REACTION_BUDGET_MS, 'Assistant.toggleTalk → emit → AppState → WebSocket bridge → a page client'),
      measured('state: late window connects and has its snapshot', 'ms', lateMs, null, 'new bridge connection (WebSocket handshake) + getSnapshot answered; informs, the budget is on reacting to changes'),
      {
        name: 'state: timers armed while idle (polling)',
        unit: 'timers',
        median: armedWhileIdle,
        p95: armedWhileIdle,
        budget: 0,
        ok: armedWhileIdle === 0,
        note: `engine timers armed in ${IDLE_MS} ms of a live, idle session with the tray and a page following (a poll would arm them continuously)`,
      },
    ]
  } finally {
    page.close()
    await services.live.stop()
    services.dispose()
    await server.close()
    await live.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
