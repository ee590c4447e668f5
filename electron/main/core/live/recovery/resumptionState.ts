import { note, type StatusNotes } from '../statusNotes'
/**
 * The newest resumption handle the server marked `resumable`, and whether it can still be used:
 * handles last about two hours after the connection ended, and a handle cannot change the model
 * (docs/protocol.md §5).
 */
export class ResumptionState {
  private handle: string | null = null
  private modelId: string | null = null
  private disconnectedAt: number | null = null

  constructor(private readonly lifetimeMs: number) {}

  /** Takes a `sessionResumptionUpdate`; a missing `resumable` counts as false. */
  update(update: { newHandle?: string; resumable?: boolean }, modelId: string): void {
    if (update.resumable === true && update.newHandle) {
      this.handle = update.newHandle
      this.modelId = modelId
    }
  }

  noteConnected(): void {
    this.disconnectedAt = null
  }

  noteDisconnected(now: number): void {
    this.disconnectedAt ??= now
  }

  /** The handle to resume with, or undefined when there is none, it expired or the model changed. */
  usable(now: number, modelId: string): string | undefined {
    if (!this.handle || this.modelId !== modelId) return undefined
    if (this.disconnectedAt !== null && now - this.disconnectedAt > this.lifetimeMs) return undefined
    return this.handle
  }

  /** What to tell the user when a reconnect is about to start fresh although there was a conversation; null when it will resume. */
  freshStartNote(now: number, modelId: string): StatusNotes {
    if (!this.handle || this.usable(now, modelId)) return null
    return note(this.modelId !== modelId ? 'MODEL_CHANGED_FRESH' : 'EXPIRED_FRESH')
  }

  /** What is worth keeping across an app restart. */
  snapshot(): { handle: string | null; modelId: string | null; disconnectedAt: number | null } {
    return { handle: this.handle, modelId: this.modelId, disconnectedAt: this.disconnectedAt }
  }

  /** Takes back a handle kept from an earlier run; its lifetime counts from `disconnectedAt`. */
  restore(handle: string, modelId: string, disconnectedAt: number): void {
    this.handle = handle
    this.modelId = modelId
    this.disconnectedAt = disconnectedAt
  }

  clear(): void {
    this.handle = null
    this.modelId = null
    this.disconnectedAt = null
  }
}
