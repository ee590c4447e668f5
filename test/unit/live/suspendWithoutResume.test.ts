import { describe, expect, it } from 'vitest'
import { bindPowerEvents } from '../../../electron/main/core/bindPowerEvents'
import { SuspendWatch } from '../../../electron/main/core/suspendWatch'
import { FakePowerSource } from '../../support/faults/fakePowerSource'
import { MemoryLogger } from '../../support/live/eventLog'
import { ManualClock, settle } from '../../support/live/manualClock'
import { sessionHarness } from '../../support/live/sessionHarness'
import { toDisposable } from '../../../electron/main/core/lifecycle'
import { detailWords } from '../../support/live/statusWords'

/** The watch on a manual clock; `awakeAt` lists when (ms after the start) and why it said the machine is awake. */
function watchOnClock(options: { online?: boolean } = {}) {
  const clock = new ManualClock()
  const start = clock.now()
  const net = { online: options.online ?? true }
  const awakeAt: { at: number; why: string }[] = []
  const watch = new SuspendWatch({ clock, isOnline: () => net.online, onAwake: (why) => awakeAt.push({ at: clock.now() - start, why }) })
  return { clock, net, watch, awakeAt }
}

describe('suspend with no resume (issue 13.11): the policy', () => {
  it('a machine that reported a suspend and kept running (timers on time, network up) is resumed after 30 s', async () => {
    const w = watchOnClock()
    w.watch.noteSuspend()
    await w.clock.advance(29_999)
    expect(w.awakeAt).toEqual([])
    await w.clock.advance(60_000)
    expect(w.awakeAt).toEqual([{ at: 30_000, why: 'timers on time for 30 s and the network up' }])
  })

  it('a machine that really slept and woke without a resume: the late tick restarts the count, 30 s after the wake it is resumed', async () => {
    const w = watchOnClock()
    w.watch.noteSuspend()
    await w.clock.advance(1_000)
    w.clock.sleepFor(3_600_000)
    await w.clock.advance(25_000)
    expect(w.awakeAt).toEqual([])
    await w.clock.advance(15_000)
    // The first tick after the wake came 3 600 s late (at wake + 4 s); then 30 s of on-time ticks.
    expect(w.awakeAt).toEqual([{ at: 1_000 + 3_600_000 + 4_000 + 30_000, why: 'timers on time for 30 s and the network up' }])
  })

  it('the real resume ends the watch: nothing more happens', async () => {
    const w = watchOnClock()
    w.watch.noteSuspend()
    await w.clock.advance(10_000)
    w.watch.noteResume()
    await w.clock.advance(600_000)
    expect(w.awakeAt).toEqual([])
    expect(w.clock.pending).toBe(0)
  })

  it('the user pressing push-to-talk, speaking or focusing a window resumes at once', async () => {
    for (const what of ['talk pressed (hotkey)', 'microphone audio', 'a window was focused']) {
      const w = watchOnClock()
      w.watch.noteSuspend()
      await w.clock.advance(2_000)
      w.watch.noteUserActive(what)
      w.watch.noteUserActive(what)
      await w.clock.advance(60_000)
      expect(w.awakeAt).toEqual([{ at: 2_000, why: `the user is active (${what})` }])
    }
  })

  it('without the network the timers alone do not resume; when it is up, the next tick does', async () => {
    const w = watchOnClock({ online: false })
    w.watch.noteSuspend()
    await w.clock.advance(120_000)
    expect(w.awakeAt).toEqual([])
    w.net.online = true
    await w.clock.advance(5_000)
    expect(w.awakeAt).toEqual([{ at: 125_000, why: 'timers on time for 125 s and the network up' }])
  })

  it('a screen still locked is not a missed resume: its unlock will come, so timers do not resume it', async () => {
    const w = watchOnClock()
    w.watch.noteLock()
    w.watch.noteSuspend()
    await w.clock.advance(600_000)
    expect(w.awakeAt).toEqual([])
    w.watch.noteUnlock()
    expect(w.clock.pending).toBe(0)
  })
})

describe('suspend with no resume: the session', () => {
  it('after a suspend with no resume, 30 s of an awake machine resume the same conversation with its handle', async () => {
    const h = sessionHarness()
    const power = new FakePowerSource()
    const unbind = bindPowerEvents(power, h.session, new MemoryLogger(), { clock: h.clock })
    await h.startLive()
    power.emit('suspend')
    await settle()
    expect(detailWords(h.session.status)).toBe('Paused while the computer sleeps or is locked.')
    h.transport.onAttempt = (a) => a.accept('h2')
    await h.clock.advance(30_000)
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.session.status).toEqual({ state: 'live', detail: null, resumed: true })
    unbind.dispose()
  })

  it('push-to-talk pressed after a suspend with no resume carries on the same conversation at once', async () => {
    const h = sessionHarness()
    const power = new FakePowerSource()
    const activity = new Set<(what: string) => void>()
    const target = {
      suspend: () => h.session.suspend(),
      resume: () => h.session.resume(),
      onUserActivity: (listener: (what: string) => void) => (activity.add(listener), toDisposable(() => void activity.delete(listener))),
    }
    const unbind = bindPowerEvents(power, target, new MemoryLogger(), { clock: h.clock })
    await h.startLive()
    power.emit('suspend')
    await settle()
    h.transport.onAttempt = (a) => a.accept('h2')
    for (const listener of activity) listener('talk pressed (hotkey)')
    await settle()
    h.session.activityStart()
    await settle()
    expect(h.transport.attempts).toHaveLength(2)
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
    expect(h.transport.last.realtime('activityStart')).toHaveLength(1)
    expect(h.session.status.state).toBe('live')
    unbind.dispose()
    expect(activity.size).toBe(0)
  })

  it('Start after a suspend that never got its resume resumes the same conversation; it does not start a new one', async () => {
    const h = sessionHarness()
    await h.startLive()
    h.session.sendText('Remember 42.')
    h.transport.last.emit({ serverContent: { modelTurn: { parts: [{ text: 'Noted.' }] }, turnComplete: true } })
    await h.session.suspend()
    h.transport.onAttempt = (a) => a.accept('h2')
    const status = await h.session.start(h.settings())
    expect(status).toEqual({ state: 'live', detail: null, resumed: true })
    expect(h.transport.last.request.config.sessionResumption).toEqual({ handle: 'h1' })
  })
})
