import type { ClientTurn } from './liveTypes'

interface Entry {
  turnId: number
  role: 'user' | 'model'
  text: string
}

/**
 * A short, bounded record of what was said, so a fresh session (resume refused or handle
 * expired) can be seeded with the gist of the conversation instead of starting blank.
 */
export class ConversationMemory {
  private entries: Entry[] = []

  constructor(private readonly maxEntries = 16, private readonly maxCharsPerEntry = 400) {}

  /** Appends text to the entry for this turn and speaker, starting one when needed. */
  add(turnId: number, role: 'user' | 'model', text: string): void {
    if (!text) return
    const last = this.entries.at(-1)
    if (last && last.turnId === turnId && last.role === role) {
      if (last.text.length < this.maxCharsPerEntry) last.text = (last.text + text).slice(0, this.maxCharsPerEntry)
      return
    }
    this.entries.push({ turnId, role, text: text.slice(0, this.maxCharsPerEntry) })
    if (this.entries.length > this.maxEntries) this.entries.shift()
  }

  get isEmpty(): boolean {
    return this.entries.every((e) => !e.text.trim())
  }

  /** The conversation so far as plain lines, for a system instruction. */
  summary(): string {
    const lines = this.entries.filter((e) => e.text.trim()).map((e) => `${e.role === 'user' ? 'User' : 'Assistant'}: ${e.text.trim()}`)
    return lines.length ? `Earlier in this conversation (the connection was reset, continue from here):\n${lines.join('\n')}` : ''
  }

  /** The conversation so far as `clientContent` history turns, neighbouring same-speaker entries merged. */
  historyTurns(): ClientTurn[] {
    const turns: ClientTurn[] = []
    for (const e of this.entries) {
      const text = e.text.trim()
      if (!text) continue
      const last = turns.at(-1)
      if (last && last.role === e.role) last.parts!.push({ text })
      else turns.push({ role: e.role, parts: [{ text }] })
    }
    return turns
  }

  /** The bounded record as speaker and text, oldest first (what is kept across an app restart). */
  lines(): { role: 'user' | 'model'; text: string }[] {
    return this.entries.filter((e) => e.text.trim()).map((e) => ({ role: e.role, text: e.text }))
  }

  /** Replaces the record with lines kept from an earlier run; they get turn ids no new turn uses. */
  restore(lines: readonly { role: 'user' | 'model'; text: string }[]): void {
    this.entries = lines.slice(-this.maxEntries).map((l, i) => ({ turnId: -1 - i, role: l.role, text: l.text.slice(0, this.maxCharsPerEntry) }))
  }

  clear(): void {
    this.entries = []
  }
}
