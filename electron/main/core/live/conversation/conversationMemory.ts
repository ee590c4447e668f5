import type { ClientTurn } from '../liveTypes'

interface Entry {
  turnId: number
  role: 'user' | 'model'
  text: string
}

/**
 * A short, bounded record of what was said, so a fresh session (resume refused or handle
 * expired) can be seeded with the gist of the conversation instead of starting blank. Within an
 * exchange the user's words come first whatever order they arrived in (the server sends the
 * input transcription after the answer, even after `turnComplete`: wire sample u11), and what is
 * read back starts with a user turn.
 */
export class ConversationMemory {
  private entries: Entry[] = []

  constructor(private readonly maxEntries = 16, private readonly maxCharsPerEntry = 400) {}

  /** Appends text to the entry for this exchange and speaker, starting one when needed (the user's before the model's). */
  add(turnId: number, role: 'user' | 'model', text: string): void {
    if (!text) return
    const same = this.entries.findLast((e) => e.turnId === turnId && e.role === role)
    if (same) {
      if (same.text.length < this.maxCharsPerEntry) same.text = (same.text + text).slice(0, this.maxCharsPerEntry)
      return
    }
    const entry = { turnId, role, text: text.slice(0, this.maxCharsPerEntry) }
    const answerAt = role === 'user' ? this.entries.findIndex((e) => e.turnId === turnId) : -1
    if (answerAt >= 0) this.entries.splice(answerAt, 0, entry)
    else this.entries.push(entry)
    if (this.entries.length > this.maxEntries) this.entries.shift()
  }

  get isEmpty(): boolean {
    return this.spoken().length === 0
  }

  /** The conversation so far as `clientContent` history turns, neighbouring same-speaker entries merged. */
  historyTurns(): ClientTurn[] {
    const turns: ClientTurn[] = []
    for (const e of this.spoken()) {
      const text = e.text.trim()
      const last = turns.at(-1)
      if (last && last.role === e.role) last.parts!.push({ text })
      else turns.push({ role: e.role, parts: [{ text }] })
    }
    return turns
  }

  /** The bounded record as speaker and text, oldest first (what is kept across an app restart). */
  lines(): { role: 'user' | 'model'; text: string }[] {
    return this.spoken().map((e) => ({ role: e.role, text: e.text }))
  }

  /** Entries with words in them, from the first user entry on (a seed must start with the user). */
  private spoken(): Entry[] {
    const said = this.entries.filter((e) => e.text.trim())
    const firstUser = said.findIndex((e) => e.role === 'user')
    return firstUser < 0 ? [] : said.slice(firstUser)
  }

  /** Replaces the record with lines kept from an earlier run; they get turn ids no new turn uses. */
  restore(lines: readonly { role: 'user' | 'model'; text: string }[]): void {
    this.entries = lines.slice(-this.maxEntries).map((l, i) => ({ turnId: -1 - i, role: l.role, text: l.text.slice(0, this.maxCharsPerEntry) }))
  }

  clear(): void {
    this.entries = []
  }
}
