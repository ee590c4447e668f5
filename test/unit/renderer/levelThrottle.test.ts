import { describe, expect, it } from 'vitest'
import { LEVEL_INTERVAL_MS, LevelThrottle, type ThrottleTimers } from '../../../renderer/src/audio/levelThrottle'
import type { AudioLevels } from '../../../shared/ipcContract'

/** Timers moved by hand. */
function manualTimers(): ThrottleTimers & { advance(ms: number): void; pending(): number } {
  let now = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  let next = 1
  return {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(next, { at: now + ms, callback })
      return next++
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advance(ms) {
      now += ms
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue
        timers.delete(id)
        timer.callback()
      }
    },
    pending: () => timers.size,
  }
}

describe('the call bar level throttle', () => {
  it('sends the first change at once, then at most one message per interval carrying the latest levels', () => {
    const timers = manualTimers()
    const sent: AudioLevels[] = []
    const levels = new LevelThrottle((value) => sent.push(value), timers)
    // 50 mic chunks a second (every 20 ms) and 25 output levels a second, for one second.
    for (let ms = 0; ms < 1000; ms += 20) {
      levels.mic(((ms / 20) % 10) / 10)
      if (ms % 40 === 0) levels.output(((ms / 40) % 5) / 5)
      timers.advance(20)
    }
    // The first chunk is silent (no change); the second goes out at once.
    expect(sent[0]).toEqual({ mic: 0.1, output: 0 })
    expect(sent.length).toBeGreaterThanOrEqual(20)
    expect(sent.length).toBeLessThanOrEqual(1000 / LEVEL_INTERVAL_MS + 1)
  })

  it('nothing changes, nothing is sent and no timer stays armed: a quiet call costs nothing', () => {
    const timers = manualTimers()
    const sent: AudioLevels[] = []
    const levels = new LevelThrottle((value) => sent.push(value), timers)
    levels.mic(0.5)
    timers.advance(100)
    for (let i = 0; i < 10; i++) {
      levels.mic(0.5)
      timers.advance(100)
    }
    expect(sent).toEqual([{ mic: 0.5, output: 0 }])
    expect(timers.pending()).toBe(0)
  })

  it('the last level of a burst is not lost: the capture stopping (0) arrives after the interval', () => {
    const timers = manualTimers()
    const sent: AudioLevels[] = []
    const levels = new LevelThrottle((value) => sent.push(value), timers)
    levels.mic(0.8)
    levels.mic(0)
    expect(sent).toEqual([{ mic: 0.8, output: 0 }])
    timers.advance(LEVEL_INTERVAL_MS)
    expect(sent).toEqual([{ mic: 0.8, output: 0 }, { mic: 0, output: 0 }])
  })

  it('bad input (NaN, below 0, above 1) becomes a level the contract accepts, never a refused message', () => {
    const timers = manualTimers()
    const sent: AudioLevels[] = []
    const levels = new LevelThrottle((value) => sent.push(value), timers)
    levels.mic(Number.NaN)
    levels.output(7)
    timers.advance(LEVEL_INTERVAL_MS)
    levels.mic(-1)
    timers.advance(LEVEL_INTERVAL_MS)
    expect(sent).toEqual([{ mic: 0, output: 1 }])
  })
})
