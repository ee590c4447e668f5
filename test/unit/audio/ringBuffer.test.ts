import { describe, expect, it } from 'vitest'
import { PlaybackBuffer } from '../../../renderer/src/audio/ringBuffer'

const QUANTUM = 128

/** A ramp of distinct values, so any skipped, repeated or reordered sample shows up. */
function ramp(start: number, length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => (start + i) / 100_000)
}

/** Pulls `quanta` render quanta and returns everything that came out, joined. */
function render(buffer: PlaybackBuffer, quanta: number): Float32Array {
  const out = new Float32Array(quanta * QUANTUM)
  const block = new Float32Array(QUANTUM)
  for (let q = 0; q < quanta; q++) {
    buffer.pull(block)
    out.set(block, q * QUANTUM)
  }
  return out
}

describe('PlaybackBuffer', () => {
  it('plays chunks back to back as one continuous sample sequence, whatever their sizes', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 1440 })
    const sizes = [480, 1000, 7, 2400, 333, 960]
    let next = 0
    for (const size of sizes) {
      buffer.push(1, ramp(next, size))
      next += size
    }
    const out = render(buffer, Math.ceil(next / QUANTUM))
    expect(Array.from(out.subarray(0, next))).toEqual(Array.from(ramp(0, next)))
    expect(buffer.playedSamples(1)).toBe(next)
  })

  it('keeps the sequence continuous when chunks arrive while it plays, including across ring wrap-around and growth', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0, initialCapacity: 1024 })
    const played: number[] = []
    const block = new Float32Array(QUANTUM)
    let next = 0
    for (let step = 0; step < 400; step++) {
      // Bursty arrival: sometimes several chunks at once, sometimes none, so the ring wraps and grows.
      const burst = step % 7 === 0 ? 3 : step % 3 === 0 ? 0 : 1
      for (let b = 0; b < burst; b++) {
        buffer.push(7, ramp(next, 240))
        next += 240
      }
      const { written } = buffer.pull(block)
      played.push(...block.subarray(0, written))
    }
    while (buffer.bufferedSamples > 0) {
      const { written } = buffer.pull(block)
      played.push(...block.subarray(0, written))
    }
    expect(played.length).toBe(next)
    expect(played).toEqual(Array.from(ramp(0, next)))
  })

  it('waits for the jitter buffer to fill before starting', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 1440, maxStartWait: 100_000 })
    const block = new Float32Array(QUANTUM)
    buffer.push(1, ramp(1, 960))
    expect(buffer.pull(block)).toEqual({ written: 0, hasStarted: false, hasDrained: false })
    expect(block.every((s) => s === 0)).toBe(true)
    buffer.push(1, ramp(961, 480))
    const result = buffer.pull(block)
    expect(result).toEqual({ written: QUANTUM, hasStarted: true, hasDrained: false })
    expect(block[0]).toBe(ramp(1, 1)[0])
    expect(buffer.isPlaying).toBe(true)
  })

  it('plays a short answer that never fills the jitter buffer once it has waited long enough', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 1440, maxStartWait: 3 * QUANTUM })
    buffer.push(2, ramp(1, 200))
    const block = new Float32Array(QUANTUM)
    for (let q = 0; q < 3; q++) expect(buffer.pull(block).written).toBe(0)
    expect(buffer.pull(block)).toEqual({ written: QUANTUM, hasStarted: true, hasDrained: false })
    expect(buffer.pull(block)).toEqual({ written: 72, hasStarted: false, hasDrained: true })
    expect(buffer.playedSamples(2)).toBe(200)
  })

  it('outputs silence on underrun and does not count it as played', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0 })
    buffer.push(3, ramp(1, 200))
    const out = render(buffer, 4)
    expect(Array.from(out.subarray(0, 200))).toEqual(Array.from(ramp(1, 200)))
    expect(out.subarray(200).every((s) => s === 0)).toBe(true)
    expect(buffer.playedSamples(3)).toBe(200)
    expect(buffer.isPlaying).toBe(false)
  })

  it('refills the jitter buffer after an underrun before playing again', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 480, maxStartWait: 100_000 })
    const block = new Float32Array(QUANTUM)
    buffer.push(1, ramp(0, 480))
    render(buffer, 4)
    expect(buffer.pull(block).hasDrained).toBe(false)
    buffer.push(1, ramp(480, 240))
    expect(buffer.pull(block).written).toBe(0)
    buffer.push(1, ramp(720, 240))
    expect(buffer.pull(block)).toMatchObject({ hasStarted: true, written: QUANTUM })
  })

  it('counts played samples per turn when one answer follows another', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0 })
    buffer.push(1, ramp(0, 300))
    buffer.push(2, ramp(300, 500))
    render(buffer, 3)
    expect(buffer.playedSamples(1)).toBe(300)
    expect(buffer.playedSamples(2)).toBe(3 * QUANTUM - 300)
    expect(buffer.progress()).toEqual([
      { turnId: 1, playedSamples: 300 },
      { turnId: 2, playedSamples: 84 },
    ])
  })

  it('drops everything at once on flush and says how much of the cut turn was heard', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0 })
    buffer.push(5, ramp(1, 24_000))
    render(buffer, 10)
    expect(buffer.flush()).toEqual({ turnId: 5, playedSamples: 1280 })
    expect(buffer.bufferedSamples).toBe(0)
    expect(buffer.isPlaying).toBe(false)
    const after = render(buffer, 4)
    expect(after.every((s) => s === 0)).toBe(true)
    expect(buffer.playedSamples(5)).toBe(1280)
  })

  it('ramps the cut audio down to zero over the fade length instead of stopping on a loud sample', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0, fadeOutSamples: 64 })
    buffer.push(5, new Float32Array(24_000).fill(0.8))
    render(buffer, 2)
    buffer.flush()
    expect(buffer.isFading).toBe(true)
    const after = render(buffer, 1)
    for (let i = 1; i < 64; i++) expect(after[i]!).toBeLessThan(after[i - 1]!)
    expect(after[0]!).toBeGreaterThan(0.7)
    expect(after[63]!).toBeLessThan(0.02)
    expect(after.subarray(64).every((s) => s === 0)).toBe(true)
    expect(buffer.isFading).toBe(false)
    expect(buffer.playedSamples(5)).toBe(2 * QUANTUM)
  })

  it('plays a new answer normally after a flush', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0 })
    buffer.push(1, ramp(0, 1000))
    render(buffer, 2)
    buffer.flush()
    buffer.push(2, ramp(5000, 300))
    const out = render(buffer, 3)
    expect(Array.from(out.subarray(0, 300))).toEqual(Array.from(ramp(5000, 300)))
    expect(buffer.playedSamples(2)).toBe(300)
  })

  it('answers null to a flush when nothing is queued', () => {
    expect(new PlaybackBuffer({ startThreshold: 0 }).flush()).toBeNull()
  })

  it('forgets a finished turn but keeps one that still has queued audio', () => {
    const buffer = new PlaybackBuffer({ startThreshold: 0 })
    buffer.push(1, ramp(0, 100))
    buffer.push(2, ramp(100, 1000))
    render(buffer, 1)
    buffer.forget(1)
    buffer.forget(2)
    expect(buffer.progress()).toEqual([{ turnId: 2, playedSamples: 28 }])
  })
})
