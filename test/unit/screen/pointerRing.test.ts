import { describe, expect, it } from 'vitest'
import { PointerRing } from '../../../electron/main/core/screen/pointerRing'
import type { Point } from '../../../electron/main/core/ports'

function setup(options: { enabled?: boolean } = {}) {
  const state = { pointer: { x: 100, y: 100 } as Point, enabled: options.enabled ?? true, failing: false }
  const ring = new PointerRing({
    pointer: {
      cursorScreenPoint: () => {
        if (state.failing) throw new Error('no screen yet')
        return state.pointer
      },
    },
    area: () => ({ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 }),
    enabled: () => state.enabled,
  })
  return { state, ring }
}

describe('PointerRing', () => {
  it('places the ring in frame pixels of the frame at hand', () => {
    const { ring } = setup()
    expect(ring.locate(1024, 576)).toEqual({ ring: { x: 100 * (1024 / 1920), y: 100 * (576 / 1080) }, desktop: { x: 100, y: 100 }, moved: false, isInView: true })
  })

  it.each([
    ['5 px while speaking is not a move', true, { x: 105, y: 100 }, false],
    ['7 px while speaking is a move', true, { x: 107, y: 100 }, true],
    ['5 px diagonally (7.07 px) while speaking is a move', true, { x: 105, y: 105 }, true],
    ['200 px while not speaking is not a move', false, { x: 300, y: 100 }, false],
  ])('%s', (_name, isSpeaking, to, moved) => {
    const { state, ring } = setup()
    ring.setSpeaking(isSpeaking)
    ring.accept(ring.locate(1024, 576))
    state.pointer = to
    expect(ring.locate(1024, 576).moved).toBe(moved)
  })

  it('moves are measured from the last frame sent, not the last frame looked at', () => {
    const { state, ring } = setup()
    ring.setSpeaking(true)
    ring.accept(ring.locate(1024, 576))
    state.pointer = { x: 104, y: 100 }
    ring.locate(1024, 576)
    state.pointer = { x: 108, y: 100 }
    expect(ring.locate(1024, 576).moved).toBe(true)
  })

  it('a move on another display, with the ring neither there nor there before, changes nothing the model sees', () => {
    const { state, ring } = setup()
    ring.setSpeaking(true)
    state.pointer = { x: 3000, y: 100 }
    ring.accept(ring.locate(1024, 576))
    state.pointer = { x: 3500, y: 100 }
    expect(ring.locate(1024, 576)).toMatchObject({ ring: null, moved: false })
  })

  it('leaving the shared display while speaking is a move (the ring disappears)', () => {
    const { state, ring } = setup()
    ring.setSpeaking(true)
    ring.accept(ring.locate(1024, 576))
    state.pointer = { x: 3000, y: 100 }
    expect(ring.locate(1024, 576)).toMatchObject({ ring: null, moved: true })
  })

  it('with a region shared, a move outside it changes nothing the model sees; into it or out of it does', () => {
    const { state, ring } = setup()
    // The region: frame pixels 0–512 × 0–288 of the 1024×576 frame (desktop 0–960 × 0–540).
    const crop = { x: 0, y: 0, width: 512, height: 288 }
    ring.setSpeaking(true)
    state.pointer = { x: 1500, y: 800 }
    ring.accept(ring.locate(1024, 576, crop))
    state.pointer = { x: 1700, y: 900 }
    expect(ring.locate(1024, 576, crop)).toMatchObject({ moved: false, isInView: false })
    state.pointer = { x: 500, y: 300 }
    const into = ring.locate(1024, 576, crop)
    expect(into).toMatchObject({ moved: true, isInView: true })
    ring.accept(into)
    state.pointer = { x: 1500, y: 300 }
    expect(ring.locate(1024, 576, crop)).toMatchObject({ moved: true, isInView: false })
  })

  it('a new share forgets the last pointer', () => {
    const { state, ring } = setup()
    ring.setSpeaking(true)
    ring.accept(ring.locate(1024, 576))
    ring.restart()
    state.pointer = { x: 500, y: 100 }
    expect(ring.locate(1024, 576).moved).toBe(false)
  })

  it('with the setting off there is no ring and no move', () => {
    const { state, ring } = setup({ enabled: false })
    ring.setSpeaking(true)
    ring.accept(ring.locate(1024, 576))
    state.pointer = { x: 500, y: 100 }
    expect(ring.locate(1024, 576)).toEqual({ ring: null, desktop: null, moved: false, isInView: false })
  })

  it('a pointer that cannot be read is no ring, not an error', () => {
    const { state, ring } = setup()
    state.failing = true
    expect(ring.locate(1024, 576)).toEqual({ ring: null, desktop: null, moved: false, isInView: false })
  })
})
