import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeServices } from '../../../electron/main/composeServices'
import type { Clock, PushToTalkBinding, PushToTalkSource, TimerHandle } from '../../../electron/main/core/ports'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { JsonFileConversationStore } from '../../../electron/main/platform/jsonFileConversationStore'
import { JsonFileSettingsRepository } from '../../../electron/main/platform/jsonFileSettingsRepository'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'
import { trustOwnPage } from '../../support/routerFixtures'
import { MemoryLogger } from '../../support/live/eventLog'

// Everything the composition starts, it can stop: the harness's composition (composeServices
// with the real adapters that run here) is started and stopped 50 times, each time with a session
// to the fake Live server, talking, playback and a settings change in between. Afterwards no
// listener, timer, binding, socket or handle of its own is left.

const CYCLES = 50

/** The real clock, counting the timers that are set and neither fired nor cleared. */
function countingClock(): Clock & { readonly pending: number } {
  const live = new Set<TimerHandle>()
  return {
    now: () => systemClock.now(),
    setTimeout(callback, ms) {
      const handle: TimerHandle = systemClock.setTimeout(() => {
        live.delete(handle)
        callback()
      }, ms)
      live.add(handle)
      return handle
    },
    clearTimeout(handle) {
      live.delete(handle)
      systemClock.clearTimeout(handle)
    },
    get pending() {
      return live.size
    },
  }
}

/** A hotkey adapter that counts the bindings still held. */
function countingPushToTalk(): PushToTalkSource & { readonly bound: number } {
  let bound = 0
  return {
    bind(): PushToTalkBinding {
      bound++
      let isDisposed = false
      return {
        mode: 'hold',
        note: null,
        dispose() {
          if (!isDisposed) bound--
          isDisposed = true
        },
      }
    },
    resetHeldKeys() {},
    windowKeyUp() {},
    get bound() {
      return bound
    },
  }
}

/** What Node holds open, by kind (sockets, timers, servers…), as counts. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

/** The kinds of resource Node holds more of now than in `baseline`, with how many more. */
function grownSince(baseline: Record<string, number>): Record<string, number> {
  const grown: Record<string, number> = {}
  for (const [kind, count] of Object.entries(activeResources())) {
    if (count > (baseline[kind] ?? 0)) grown[kind] = count - (baseline[kind] ?? 0)
  }
  return grown
}

async function settled(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('the composition, started and stopped 50 times', () => {
  let server: FakeLiveServer
  let baseUrl: string
  let dir: string

  beforeAll(async () => {
    server = new FakeLiveServer()
    baseUrl = await server.start()
    dir = mkdtempSync(join(tmpdir(), 'sightline-leak-'))
  })

  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('leaves no listener, timer, hotkey binding, socket or handle behind', async () => {
    const clock = countingClock()
    const pushToTalk = countingPushToTalk()
    const logger = new MemoryLogger()
    const encoder = new SharpFrameEncoder()
    const cycle = async (index: number) => {
      const services = await composeServices({
        transport: new GenaiLiveTransport({ baseUrl, logger }),
        secretStore: new InMemorySecretStore(),
        settingsRepository: new JsonFileSettingsRepository({ directory: dir }),
        conversationStore: new JsonFileConversationStore({ directory: dir, macSecret: new InMemorySecretStore(), logger }),
        frameEncoder: encoder,
        desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} },
        screens: { list: async () => [], select: () => {} },
        pushToTalk,
        clock,
        logger,
        env: { GEMINI_API_KEY: 'leak-test-key-1234' },
        appInfo: { name: 'Sightline', version: '0.0.0-leak', platform: process.platform, isHarness: true },
        emit: () => {},
        isTrustedSender: trustOwnPage,
        liveLimits: { closeWaitMs: 300 },
      })
      const { assistant, live, settings, state } = services
      const followers = state.onStateChange(() => {})
      assistant.bindHotkey()
      expect(pushToTalk.bound).toBe(1)
      await assistant.setTalking(true, 'button')
      expect(live.state).toBe('live')
      assistant.notePlayback(1, 480)
      await assistant.setTalking(false, 'button')
      await settings.update({ voice: index % 2 ? 'Kore' : 'Puck' })
      followers.dispose()

      await live.stop()
      services.dispose()
      expect(pushToTalk.bound, `cycle ${index}: the hotkey is unbound`).toBe(0)
      expect(settings.listenerCount, `cycle ${index}: settings listeners`).toBe(0)
      expect(state.listenerCount, `cycle ${index}: state listeners`).toBe(0)
      expect(live.listenerCount, `cycle ${index}: live session listeners`).toBe(0)
      expect(clock.pending, `cycle ${index}: timers still set`).toBe(0)
    }

    // What this process holds before any composition: its own stdio pipes and the fake server.
    const baseline = activeResources()

    for (let i = 0; i < CYCLES; i++) await cycle(i)

    await settled(() => server.connections.every((c) => !c.isOpen))
    expect(server.connections).toHaveLength(CYCLES)
    expect(server.connections.filter((c) => c.isOpen)).toEqual([])
    // Nothing of any kind more than before (a timer of the test runner's own may have ended meanwhile).
    await settled(() => Object.keys(grownSince(baseline)).length === 0)
    expect(grownSince(baseline)).toEqual({})
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([])
  }, 120_000)
})
