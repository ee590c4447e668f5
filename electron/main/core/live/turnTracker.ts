/**
 * Numbers the exchanges of a conversation so the UI can group transcript lines and drop the
 * audio of an interrupted reply: a new turn opens with the first input or output after the
 * previous turn completed.
 */
export class TurnTracker {
  private turnId = 0
  private isOpen = false
  private isModelActive = false

  /** The id for something that belongs to the current exchange, opening one if needed. */
  current(): number {
    if (!this.isOpen) {
      this.turnId++
      this.isOpen = true
    }
    return this.turnId
  }

  /** The model produced output for the current turn. */
  noteModelActivity(): number {
    this.isModelActive = true
    return this.current()
  }

  /** `turnComplete` (after a reply or an interruption). */
  complete(): void {
    this.isOpen = false
    this.isModelActive = false
  }

  /** The model is answering (output arrived and the turn has not completed). */
  get isReplying(): boolean {
    return this.isModelActive
  }

  get lastId(): number {
    return this.turnId
  }
}
