import type { LiveConnection } from '../../ports'
import type { ClientContent, FunctionResponse, RealtimeInput } from '../liveTypes'

/** One piece of user input on its way to the server, in the order it was captured. */
export type PendingInput =
  | { kind: 'audio' | 'video' | 'control'; input: RealtimeInput }
  | { kind: 'content'; content: ClientContent }

/** Counters for the fault suite: chunks are audio and video items, control items are never dropped. */
export interface InputPumpStats {
  bufferedChunks: number
  droppedChunks: number
  pendingChunks: number
}

/**
 * Sends user input to the current connection, or holds it (bounded, in order) while there is no
 * connection able to take it: during connect, reconnect and GoAway rotation, and while a tool
 * call is unanswered on models that close the socket when audio arrives then (docs/protocol.md §5).
 */
export class InputPump {
  private connection: LiveConnection | null = null
  private readonly holds = new Set<'toolCall' | 'check'>()
  private queue: PendingInput[] = []
  private audioQueued = 0
  private videoQueued = 0
  private buffered = 0
  private dropped = 0
  /** Until the next flush, a held frame replaces the ones before it. */
  private isNewestVideoOnly = false

  /** `mayDeliverVideo` is asked as each frame goes on the wire, held ones included; false drops the frame (the privacy gate). */
  constructor(private readonly bounds: { maxAudio: number; maxVideo: number; mayDeliverVideo?: () => boolean }) {}

  /** Uses this connection from now on; call {@link flush} once it is ready. */
  attach(connection: LiveConnection): void {
    this.connection = connection
  }

  /** Stops sending; input is held from here on. */
  detach(): void {
    this.connection = null
  }

  /**
   * Holds input while a tool call is unanswered, or while the socket is being checked after a
   * wake (and sends what was held once every hold is released). Tool answers are never held.
   */
  setHeld(isHeld: boolean, reason: 'toolCall' | 'check' = 'toolCall'): void {
    if (isHeld) this.holds.add(reason)
    else this.holds.delete(reason)
    if (!isHeld) this.flush()
  }

  get canSend(): boolean {
    return this.connection !== null && this.holds.size === 0
  }

  push(item: PendingInput): void {
    if (this.canSend && this.queue.length === 0) {
      this.deliver(item)
      return
    }
    if (item.kind === 'video' && this.isNewestVideoOnly) while (this.videoQueued > 0) this.dropOldest('video')
    this.queue.push(item)
    if (item.kind === 'audio') {
      this.buffered++
      if (++this.audioQueued > this.bounds.maxAudio) this.dropOldest('audio')
    } else if (item.kind === 'video') {
      this.buffered++
      if (++this.videoQueued > this.bounds.maxVideo) this.dropOldest('video')
    }
  }

  /**
   * Screen frames held from now until the next flush are stale except the newest: drop all but
   * the newest one held, and let each new frame replace the one before (GoAway rotation, and the
   * retry after a 1007 right after it; issue 13.1). Audio and control items are kept.
   */
  keepNewestVideoOnly(): void {
    this.isNewestVideoOnly = true
    while (this.videoQueued > 1) this.dropOldest('video')
  }

  /** Sends everything held, in order, while sending is possible. */
  flush(): void {
    if (this.canSend) this.isNewestVideoOnly = false
    while (this.canSend && this.queue.length > 0) {
      const item = this.queue.shift()!
      if (item.kind === 'audio') this.audioQueued--
      else if (item.kind === 'video') this.videoQueued--
      this.deliver(item)
    }
  }

  /** Tool answers bypass the hold (they are what releases it); without a connection they are stale. */
  sendToolResponse(responses: FunctionResponse[]): boolean {
    if (!this.connection) return false
    this.connection.sendToolResponse(responses)
    return true
  }

  /** Forgets held input (the session stopped). */
  clear(): void {
    this.isNewestVideoOnly = false
    this.queue = []
    this.audioQueued = 0
    this.videoQueued = 0
  }

  get stats(): InputPumpStats {
    return { bufferedChunks: this.buffered, droppedChunks: this.dropped, pendingChunks: this.audioQueued + this.videoQueued }
  }

  private deliver(item: PendingInput): void {
    if (item.kind === 'video' && this.bounds.mayDeliverVideo && !this.bounds.mayDeliverVideo()) {
      this.dropped++
      return
    }
    if (item.kind === 'content') this.connection!.sendClientContent(item.content)
    else this.connection!.sendRealtimeInput(item.input)
  }

  private dropOldest(kind: 'audio' | 'video'): void {
    const index = this.queue.findIndex((i) => i.kind === kind)
    if (index < 0) return
    this.queue.splice(index, 1)
    if (kind === 'audio') this.audioQueued--
    else this.videoQueued--
    this.dropped++
  }
}
