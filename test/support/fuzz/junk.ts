/**
 * A small seeded generator of hostile payloads (fast-check is not installed; this is enough and
 * reproducible): the same seed gives the same sequence, so a failure names its seed and index.
 */
export class Junk {
  private state: number

  constructor(readonly seed: number) {
    this.state = seed >>> 0
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length)
    for (let i = 0; i < length; i += 4) {
      const word = (this.next() * 4294967296) >>> 0
      for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (word >>> (j * 8)) & 0xff
    }
    return out
  }

  string(): string {
    switch (this.int(0, 7)) {
      case 0:
        return ''
      case 1:
        return ' \t\n '
      case 2:
        return 'x'.repeat(this.int(1, 3) * 1024 * 1024)
      case 3:
        return String.fromCharCode(...Array.from({ length: this.int(1, 64) }, () => this.int(0, 0xffff)))
      case 4:
        return this.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then'])
      case 5:
        return this.pick(['https://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://sightline/', 'Kore', 'gemini-3.8-live'])
      case 6:
        return Array.from({ length: this.int(1, 300) }, () => String.fromCharCode(this.int(0x21, 0x7e))).join('')
      default:
        return `\u0000\u202e${'\ud800'.repeat(this.int(1, 5))}`
    }
  }

  number(): number {
    return this.pick([0, -0, -1, 1, 0.5, Number.NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, this.int(-1e6, 1e6), this.next() * 1e9])
  }

  /** Any value at all, nested up to `depth`. */
  value(depth = 0): unknown {
    const kind = this.int(0, depth > 4 ? 6 : 11)
    switch (kind) {
      case 0:
        return undefined
      case 1:
        return null
      case 2:
        return this.chance(0.5)
      case 3:
        return this.number()
      case 4:
      case 5:
        return this.string()
      case 6:
        return this.bytes(this.pick([0, 1, 3, 640, 1280, 32_001, this.int(0, 2 * 1024 * 1024)]))
      case 7:
        return Array.from({ length: this.int(0, 6) }, () => this.value(depth + 1))
      case 8:
        return this.nested(this.int(20, 2_000))
      case 9:
        return new ArrayBuffer(this.int(0, 4096))
      default:
        return this.object(depth + 1)
    }
  }

  /** An object with random, dangerous or plausible keys. */
  object(depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const keys = ['__proto__', 'constructor', 'prototype', 'text', 'key', 'keepIn', 'isTalking', 'source', 'id', 'url', 'allow', 'requestId',
      'isSharing', 'source', 'width', 'height', 'data', 'turnId', 'playedSamples', 'voice', 'model', 'vad', 'mode', 'responseModality']
    for (let i = this.int(0, 6); i > 0; i--) {
      const key = this.chance(0.7) ? this.pick(keys) : this.string().slice(0, 40)
      // defineProperty so `__proto__` becomes an own key, as JSON.parse or a structured clone would make it.
      Object.defineProperty(out, key, { value: this.value(depth), enumerable: true, configurable: true, writable: true })
    }
    return out
  }

  /** Arrays or objects nested `levels` deep. */
  nested(levels: number): unknown {
    let value: unknown = this.string().slice(0, 8)
    for (let i = 0; i < levels; i++) value = this.chance(0.5) ? [value] : { a: value }
    return value
  }

  /** A valid payload with one field swapped for junk (reaches the deeper checks), or plain junk. */
  mutate(valid: unknown): unknown {
    if (this.chance(0.3) || valid === null || typeof valid !== 'object' || valid instanceof Uint8Array) return this.chance(0.15) ? valid : this.value()
    const copy: Record<string, unknown> = { ...(valid as Record<string, unknown>) }
    const keys = Object.keys(copy)
    const action = this.int(0, 3)
    if (action === 0 && keys.length) copy[this.pick(keys)] = this.value()
    else if (action === 1 && keys.length) delete copy[this.pick(keys)]
    else if (action === 2) Object.defineProperty(copy, this.pick(['__proto__', 'constructor', 'extra', 'polluted']), { value: this.value(), enumerable: true })
    else return copy
    return copy
  }
}
