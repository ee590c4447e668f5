import { describe, expect, it } from 'vitest'
import { FrameChangeDetector } from '../../../electron/main/core/media/frameChangeDetector'

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
})
