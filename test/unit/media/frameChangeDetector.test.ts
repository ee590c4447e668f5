import { describe, expect, it } from 'vitest'
import { FrameChangeDetector, thumbnailWindow } from '../../../electron/main/core/media/frameChangeDetector'

const SIZE = FrameChangeDetector.THUMBNAIL_SIZE * FrameChangeDetector.THUMBNAIL_SIZE

function thumb(base: number, changes: Array<[index: number, value: number]> = []): Uint8Array {
  const t = new Uint8Array(SIZE).fill(base)
  for (const [i, v] of changes) t[i] = v
  return t
}

/** `count` pixels starting at `from` set to `value`. */
function block(from: number, count: number, value: number): Array<[number, number]> {
  return Array.from({ length: count }, (_, k) => [from + k, value])
}

describe('FrameChangeDetector', () => {
  it('sees everything as changed before the first frame was sent', () => {
    const detector = new FrameChangeDetector()
    expect(detector.hasReference).toBe(false)
    expect(detector.changedShare(thumb(100))).toBe(1)
  })

  it('ignores noise below the per-pixel delta on every pixel', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(100))
    const noisy = thumb(100).map((v, i) => v + ((i % 25) - 12))
    expect(detector.changedShare(noisy)).toBe(0)
    expect(detector.isChanged(noisy, 0.01)).toBe(false)
  })

  it('counts the share of pixels that moved past the delta', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(100))
    expect(detector.changedShare(thumb(100, block(0, 41, 200)))).toBeCloseTo(41 / SIZE)
    expect(detector.isChanged(thumb(100, block(0, 41, 200)), 0.01)).toBe(true)
    expect(detector.isChanged(thumb(100, block(0, 40, 200)), 0.01)).toBe(false)
  })

  it('does not accumulate a caret blinking against the last sent frame', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(240))
    for (let blink = 0; blink < 20; blink++) {
      const caretOn = blink % 2 === 0
      const frame = thumb(240, caretOn ? block(2000, 2, 120) : [])
      expect(detector.isChanged(frame, 0.01)).toBe(false)
    }
  })

  it('accumulates slow changes until they cross the threshold, then compares with the new frame', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(240))
    let sentAt = -1
    for (let step = 1; step <= 10 && sentAt < 0; step++) {
      const frame = thumb(240, block(0, step * 10, 40)) // ten more pixels of new text each step
      if (detector.isChanged(frame, 0.01)) {
        sentAt = step
        detector.accept(frame)
      }
    }
    expect(sentAt).toBe(5) // 50 pixels ≥ 41 = 1 % of 4,096
    expect(detector.changedShare(thumb(240, block(0, 50, 40)))).toBe(0)
  })

  it('sends every frame when the threshold is zero', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(100))
    expect(detector.isChanged(thumb(100), 0)).toBe(true)
  })

  it('treats a thumbnail of another size as a full change, and forgets on reset', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(100))
    expect(detector.changedShare(new Uint8Array(16))).toBe(1)
    detector.reset()
    expect(detector.hasReference).toBe(false)
  })

  it('keeps its own copy of the reference', () => {
    const detector = new FrameChangeDetector()
    const reference = thumb(100)
    detector.accept(reference)
    reference.fill(0)
    expect(detector.changedShare(thumb(100))).toBe(0)
  })

  it('inside a window, counts only the pixels there, as a share of the whole thumbnail', () => {
    const detector = new FrameChangeDetector()
    detector.accept(thumb(100))
    // Row 0: 64 changed pixels, of which columns 8–15 (8) lie in the window.
    const changed = thumb(100, block(0, 64, 200))
    expect(detector.changedShare(changed, { x0: 8, y0: 0, x1: 16, y1: 4 })).toBe(8 / SIZE)
    expect(detector.changedShare(changed, { x0: 8, y0: 1, x1: 16, y1: 4 })).toBe(0)
    expect(detector.changedShare(changed)).toBe(64 / SIZE)
  })
})

describe('thumbnailWindow', () => {
  it.each([
    ['the whole frame', { x: 0, y: 0, width: 1920, height: 1080 }, { x0: 0, y0: 0, x1: 64, y1: 64 }],
    ['a 900×600 region at (20, 40)', { x: 20, y: 40, width: 900, height: 600 }, { x0: 1, y0: 2, x1: 31, y1: 38 }],
    ['a region smaller than one thumbnail pixel, between centres', { x: 1, y: 1, width: 10, height: 5 }, { x0: 0, y0: 0, x1: 0, y1: 0 }],
    ['a region past the frame edge (clamped)', { x: 1900, y: 1000, width: 100, height: 200 }, { x0: 63, y0: 59, x1: 64, y1: 64 }],
  ])('%s', (_name, crop, window) => {
    expect(thumbnailWindow(crop, 1920, 1080, 64)).toEqual(window)
  })
})
