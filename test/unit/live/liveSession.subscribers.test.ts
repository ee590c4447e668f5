import { describe, expect, it } from 'vitest'
import type { SessionStatus } from '../../../shared/ipcContract'
import { ListenerSet } from '../../../electron/main/core/listenerSet'
import type { LiveSessionEvents } from '../../../electron/main/core/live/liveSession'
import { sessionHarness } from '../../support/live/sessionHarness'

describe('LiveSession events have any number of subscribers', () => {
  it('a late subscriber hears the same status changes as the first, until it unsubscribes', async () => {
    const h = sessionHarness()
    const second: SessionStatus['state'][] = []
    const subscription = h.session.subscribe({ onStatus: (status) => second.push(status.state) })
    expect(h.session.listenerCount).toBe(2)
    await h.startLive()
    expect(second).toEqual(['connecting', 'live'])
    expect(second).toEqual(h.log.states)
    subscription.dispose()
    await h.session.stop()
    expect(second).toEqual(['connecting', 'live'])
    expect(h.log.states.slice(-1)).toEqual(['idle'])
    expect(h.session.listenerCount).toBe(1)
  })

  it('a subscriber that throws is logged and the others still hear the event', async () => {
    const h = sessionHarness()
    h.session.subscribe({
      onStatus: () => {
        throw new Error('listener bug')
      },
    })
    await h.startLive()
    expect(h.log.states).toEqual(['connecting', 'live'])
    expect(h.logger.lines.filter((l) => l.message === 'live session listener failed')).toHaveLength(2)
  })
})

describe('ListenerSet', () => {
  it('calls each subscriber only for the events it implements, with its own `this`', () => {
    const errors: unknown[] = []
    const set = new ListenerSet<LiveSessionEvents>((error) => errors.push(error))
    class Recorder {
      readonly seen: string[] = []
      onUsage(): void {
        this.seen.push('usage')
      }
    }
    const recorder = new Recorder()
    set.subscribe(recorder)
    set.emit.onStatus({ state: 'live', detail: null, resumed: false })
    set.emit.onUsage({ promptTokens: 1, responseTokens: 1, totalTokens: 2, byModality: {}, imageTokensSpent: 0, imageTokensIfEveryFrame: 0 })
    expect(recorder.seen).toEqual(['usage'])
    expect(errors).toEqual([])
  })

  it('the same object subscribed twice is two subscriptions, each ended by its own Disposable', () => {
    const set = new ListenerSet<LiveSessionEvents>(() => {})
    let calls = 0
    const listener = { onStatus: () => void calls++ }
    const first = set.subscribe(listener)
    set.subscribe(listener)
    set.emit.onStatus({ state: 'idle', detail: null, resumed: false })
    first.dispose()
    set.emit.onStatus({ state: 'idle', detail: null, resumed: false })
    expect(calls).toBe(3)
    expect(set.size).toBe(1)
  })
})
