import type { Clock, EncodedFrame, EncodeOptions, FrameEncoder, RgbaFrame, TimerHandle } from '../../../electron/main/core/ports'

/** A clock that only moves when the test says so. */
export class ManualClock implements Clock {
  private time = 0
  private nextId = 0
  private readonly timers = new Map<number, { at: number; callback: () => void }>()

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = ++this.nextId
    this.timers.set(id, { at: this.time + ms, callback })
    return { id }
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id as number)
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.timers.delete(due[0])
      this.time = due[1].at
      due[1].callback()
    }
    this.time = target
  }
}

/**
 * A FrameEncoder double for pipeline logic: the thumbnail samples the frame's red channel on a
 * grid, and "JPEG" is a marker byte plus the frame's first byte, so tests can tell frames apart.
 * Failures and slow encodes can be scripted.
 */
export class FakeFrameEncoder implements FrameEncoder {
  encodeCalls = 0
  failNext: 'thumbnail' | 'encode' | null = null
  /** When set, encode waits for this promise. */
  gate: Promise<void> | null = null

  /** The options of the newest encode (crop, pointer ring). */
  lastOptions: EncodeOptions | null = null

  async encode(frame: RgbaFrame, options: EncodeOptions): Promise<EncodedFrame> {
    this.encodeCalls++
    this.lastOptions = options
    if (this.failNext === 'encode') {
      this.failNext = null
      throw new Error('encoder exploded')
    }
    if (this.gate) await this.gate
    const scale = Math.min(1, options.longSide / Math.max(frame.width, frame.height))
    // Like a real JPEG, the bytes differ whenever the pixels, the crop or the ring do.
    const digest = fnv1a(frame.data, fnv1a(new TextEncoder().encode(JSON.stringify(options))))
    const jpeg = Uint8Array.of(0xff, 0xd8, frame.data[0]!, digest >>> 24, (digest >>> 16) & 0xff, (digest >>> 8) & 0xff, digest & 0xff)
    return { jpeg, width: Math.round(frame.width * scale), height: Math.round(frame.height * scale) }
  }

  async thumbnail(frame: RgbaFrame, size: number): Promise<Uint8Array> {
    if (this.failNext === 'thumbnail') {
      this.failNext = null
      throw new Error('thumbnail exploded')
    }
    const out = new Uint8Array(size * size)
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const sx = Math.floor(((x + 0.5) * frame.width) / size)
        const sy = Math.floor(((y + 0.5) * frame.height) / size)
        out[y * size + x] = frame.data[(sy * frame.width + sx) * 4]!
      }
    }
    return out
  }
}

/** A solid frame whose red channel is `value`; `paintedShare` of its rows (from the top) get `paint` instead. */
export function solidFrame(value: number, options: { width?: number; height?: number; paint?: number; paintedShare?: number } = {}): RgbaFrame {
  const width = options.width ?? 320
  const height = options.height ?? 180
  const data = new Uint8Array(width * height * 4)
  const paintedRows = Math.round(height * (options.paintedShare ?? 0))
  for (let y = 0; y < height; y++) {
    const v = y < paintedRows ? (options.paint ?? 255 - value) : value
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = v
      data[i + 1] = v
      data[i + 2] = v
      data[i + 3] = 255
    }
  }
  return { width, height, data }
}

/** 32-bit FNV-1a over `bytes`, continuing from `hash`. */
function fnv1a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
  return hash
}
