/**
 * The playback worklet's queue: a growable ring of float samples with a small jitter buffer,
 * per-turn accounting of what was actually played, and an instant flush for barge-in.
 * Pure TypeScript (no DOM, no worklet globals) so it is unit-tested in Node.
 */

/** How playback starts and stops. Counts are in samples at the playback rate. */
export interface PlaybackBufferOptions {
  /** Wait until this much audio is queued before starting, so network jitter does not cause gaps. */
  startThreshold: number
  /**
   * Start anyway once the first queued sample has waited this many output samples: a short
   * answer (or the tail of one) that never reaches the threshold still plays promptly.
   */
  maxStartWait?: number
  /** On flush, ramp the sample being played down to zero over this many samples instead of cutting it (a hard cut clicks). */
  fadeOutSamples?: number
  /** Initial capacity; the ring doubles when a burst arrives faster than it plays. */
  initialCapacity?: number
}

/** Samples actually sent to the output for one turn. */
export interface TurnProgress {
  turnId: number
  playedSamples: number
}

/** What one `pull` did, so the worklet can tell the main thread about starts and drains. */
export interface PullResult {
  /** Real (queued) samples written; the rest of the block is silence. */
  written: number
  /** Playback began in this block (after the jitter buffer filled or waited long enough). */
  hasStarted: boolean
  /** The queue ran dry in this block after playing. */
  hasDrained: boolean
}

interface Segment {
  turnId: number
  remaining: number
}

/**
 * A FIFO of float samples tagged by turn. `push` on message arrival, `pull` once per render
 * quantum. Underruns produce silence and are never counted as played.
 */
export class PlaybackBuffer {
  private ring: Float32Array
  private readIndex = 0
  private size = 0
  /** Turn boundaries inside the queued samples, oldest first. */
  private segments: Segment[] = []
  private readonly played = new Map<number, number>()
  private isPrimed = false
  private waited = 0
  /** The first few samples that were queued when a flush came, already ramped down to zero. */
  private readonly fade: Float32Array
  private fadeLength = 0
  private fadeRead = 0
  private readonly startThreshold: number
  private readonly maxStartWait: number
  private readonly fadeOutSamples: number

  constructor(options: PlaybackBufferOptions) {
    this.startThreshold = Math.max(0, Math.floor(options.startThreshold))
    this.maxStartWait = Math.max(0, Math.floor(options.maxStartWait ?? options.startThreshold))
    this.fadeOutSamples = Math.max(0, Math.floor(options.fadeOutSamples ?? 0))
    this.ring = new Float32Array(Math.max(1024, options.initialCapacity ?? 0))
    this.fade = new Float32Array(this.fadeOutSamples)
  }

  /** The turn whose samples play next, or null when nothing is queued. */
  get headTurnId(): number | null {
    return this.segments[0]?.turnId ?? null
  }

  /** Samples queued and not yet played. */
  get bufferedSamples(): number {
    return this.size
  }

  /** True from the moment playback starts until the queue runs dry or is flushed. */
  get isPlaying(): boolean {
    return this.isPrimed
  }

  /** Queues samples for a turn. Turns play in the order their samples arrive. */
  push(turnId: number, samples: Float32Array): void {
    if (samples.length === 0) return
    this.reserve(this.size + samples.length)
    const capacity = this.ring.length
    const writeIndex = (this.readIndex + this.size) % capacity
    const firstPart = Math.min(samples.length, capacity - writeIndex)
    this.ring.set(samples.subarray(0, firstPart), writeIndex)
    if (firstPart < samples.length) this.ring.set(samples.subarray(firstPart), 0)
    this.size += samples.length
    const last = this.segments[this.segments.length - 1]
    if (last && last.turnId === turnId) last.remaining += samples.length
    else this.segments.push({ turnId, remaining: samples.length })
    if (!this.played.has(turnId)) this.played.set(turnId, 0)
  }

  /** Fills `out` with the next samples; anything the queue cannot supply is silence. */
  pull(out: Float32Array): PullResult {
    let hasStarted = false
    let offset = 0
    if (this.fadeRead < this.fadeLength) offset = this.writeFade(out)
    if (!this.isPrimed && this.size > 0) {
      if (this.size >= this.startThreshold || this.waited >= this.maxStartWait) {
        this.isPrimed = true
        hasStarted = true
        this.waited = 0
      } else {
        this.waited += out.length
      }
    }
    if (!this.isPrimed) {
      out.fill(0, offset)
      return { written: 0, hasStarted, hasDrained: false }
    }
    const written = Math.min(this.size, out.length - offset)
    this.read(out, offset, written)
    out.fill(0, offset + written)
    const hasDrained = this.size === 0
    if (hasDrained) this.isPrimed = false
    return { written, hasStarted, hasDrained }
  }

  /**
   * Drops everything queued at once (barge-in) and returns what had been played of the turn
   * that was cut, or null when nothing was playing or queued. When it cuts into playing
   * audio, the next pull plays the following `fadeOutSamples` of it ramped down to zero
   * (not counted as played), then silence.
   */
  flush(): TurnProgress | null {
    const cut = this.segments[0]
    const result = cut ? { turnId: cut.turnId, playedSamples: this.played.get(cut.turnId) ?? 0 } : null
    this.fadeLength = 0
    this.fadeRead = 0
    if (this.isPrimed && this.fadeOutSamples > 0) {
      const count = Math.min(this.fadeOutSamples, this.size)
      for (let i = 0; i < count; i++) {
        this.fade[i] = this.ring[(this.readIndex + i) % this.ring.length]! * (1 - (i + 1) / (count + 1))
      }
      this.fadeLength = count
    }
    this.size = 0
    this.readIndex = 0
    this.segments = []
    this.isPrimed = false
    this.waited = 0
    return result
  }

  /** True while the flush fade-out has samples left to emit. */
  get isFading(): boolean {
    return this.fadeRead < this.fadeLength
  }

  /** Samples played so far for a turn (0 when unknown). */
  playedSamples(turnId: number): number {
    return this.played.get(turnId) ?? 0
  }

  /** Every turn's played count, oldest first; `forget` drops turns the caller no longer needs. */
  progress(): TurnProgress[] {
    return [...this.played].map(([turnId, playedSamples]) => ({ turnId, playedSamples }))
  }

  /** Stops tracking a finished turn so the map does not grow over a long session. */
  forget(turnId: number): void {
    if (!this.segments.some((s) => s.turnId === turnId)) this.played.delete(turnId)
  }

  private read(out: Float32Array, offset: number, count: number): void {
    const capacity = this.ring.length
    const firstPart = Math.min(count, capacity - this.readIndex)
    out.set(this.ring.subarray(this.readIndex, this.readIndex + firstPart), offset)
    if (firstPart < count) out.set(this.ring.subarray(0, count - firstPart), offset + firstPart)
    this.readIndex = (this.readIndex + count) % capacity
    this.size -= count
    let left = count
    while (left > 0) {
      const segment = this.segments[0]!
      const take = Math.min(left, segment.remaining)
      segment.remaining -= take
      left -= take
      this.played.set(segment.turnId, (this.played.get(segment.turnId) ?? 0) + take)
      if (segment.remaining === 0) this.segments.shift()
    }
  }

  private writeFade(out: Float32Array): number {
    const count = Math.min(this.fadeLength - this.fadeRead, out.length)
    out.set(this.fade.subarray(this.fadeRead, this.fadeRead + count))
    this.fadeRead += count
    return count
  }

  private reserve(needed: number): void {
    if (needed <= this.ring.length) return
    let capacity = this.ring.length
    while (capacity < needed) capacity *= 2
    const grown = new Float32Array(capacity)
    const old = this.ring
    const firstPart = Math.min(this.size, old.length - this.readIndex)
    grown.set(old.subarray(this.readIndex, this.readIndex + firstPart), 0)
    if (firstPart < this.size) grown.set(old.subarray(0, this.size - firstPart), firstPart)
    this.ring = grown
    this.readIndex = 0
  }
}
