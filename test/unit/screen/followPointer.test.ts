import { describe, expect, it } from 'vitest'
import type { DesktopDisplay, Point } from '../../../electron/main/core/ports'
import { displayUnder, FollowPointer, followStep } from '../../../electron/main/core/screen/followPointer'
import { ManualClock } from '../../support/media/fakes'

const left: DesktopDisplay = { id: 'L', bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }
const primary: DesktopDisplay = { id: 'P', bounds: { x: 0, y: 0, width: 2560, height: 1440 }, scaleFactor: 2 }

describe('follow the pointer', () => {
  it.each([
    ['on the left display (negative origin)', { x: -1, y: 10 }, 'L'],
    ['at the primary origin', { x: 0, y: 0 }, 'P'],
    ['below the shorter left display', { x: -100, y: 1200 }, null],
  ])('the display under a pointer %s', (_name, point, id) => {
    expect(displayUnder(point, [left, primary])?.id ?? null).toBe(id)
  })

  it('switches only after the pointer stayed on another display for the debounce', () => {
    let state = { candidate: null as string | null, since: 0 }
    const steps: (string | null)[] = []
    for (const [now, under] of [[0, 'P'], [100, 'L'], [600, 'L'], [1_099, 'L'], [1_100, 'L'], [1_200, 'L']] as const) {
      const step = followStep(state, under, 'P', now)
      state = step.state
      steps.push(step.switchTo)
    }
    expect(steps).toEqual([null, null, null, null, 'L', null])
  })

  it('crossing a display on the way, or coming back, starts over', () => {
    let state = { candidate: null as string | null, since: 0 }
    const steps: (string | null)[] = []
    for (const [now, under] of [[0, 'L'], [900, 'P'], [1_000, 'L'], [1_900, 'X'], [2_000, 'L'], [2_999, 'L'], [3_000, 'L']] as const) {
      const step = followStep(state, under, 'P', now)
      state = step.state
      steps.push(step.switchTo)
    }
    expect(steps).toEqual([null, null, null, null, null, null, 'L'])
  })

  it('runs on its timer while sharing, switches once, and never when the option is off', () => {
    const clock = new ManualClock()
    const state = { pointer: { x: 10, y: 10 } as Point, enabled: true, shared: 'P' as string | null }
    const switches: string[] = []
    const follow = new FollowPointer({
      pointer: { cursorScreenPoint: () => state.pointer },
      displays: () => [left, primary],
      clock,
      enabled: () => state.enabled,
      sharedDisplayId: () => state.shared,
      switchTo: (id) => {
        switches.push(id)
        state.shared = id
      },
    })
    follow.start()
    clock.advance(1_000)
    state.pointer = { x: -500, y: 500 }
    clock.advance(750)
    expect(switches).toEqual([])
    clock.advance(500)
    expect(switches).toEqual(['L'])
    clock.advance(5_000)
    expect(switches).toEqual(['L'])
    state.enabled = false
    state.pointer = { x: 500, y: 500 }
    clock.advance(5_000)
    expect(switches).toEqual(['L'])
    follow.stop()
    state.enabled = true
    clock.advance(5_000)
    expect(switches).toEqual(['L'])
  })
})
