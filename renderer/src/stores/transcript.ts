import type { ModelContent, ToolActivity, TranscriptDelta, TurnEvent } from '../../../shared/ipcContract'
import type { UiMessage } from '../../../shared/i18n/translate'

/** One run of speech or text from one side in one turn, grown delta by delta. */
export interface TranscriptLine {
  type: 'line'
  key: string
  turnId: number
  role: TranscriptDelta['role']
  kind: TranscriptDelta['kind']
  text: string
  /** Share of the answer's audio the user actually heard when it was cut off; null when not cut. */
  heardFraction: number | null
  isCutOff: boolean
  isComplete: boolean
  /** Characters past {@link MAX_ENTRY_CHARS} that were not kept. */
  droppedChars: number
}

/** A function call the model made, updated as it is answered, fails or is cancelled. */
export interface ToolLine {
  type: 'tool'
  key: string
  activity: ToolActivity
}

/** Code the model ran, its result, or the search sources behind an answer. */
export interface ContentLine {
  type: 'content'
  key: string
  turnId: number
  content: ModelContent
}

/** What the server said about how a turn ended: no answer came back, or the model waits for more. */
export interface NoticeLine {
  type: 'notice'
  key: string
  turnId: number
  /** Catalogue words, shown in the UI language (`transcript.notice.*`). */
  message: UiMessage
}

export type TranscriptItem = TranscriptLine | ToolLine | ContentLine | NoticeLine

/** How many items the transcript keeps; older ones scroll out so a long session stays light. */
export const MAX_TRANSCRIPT_ITEMS = 500

/**
 * Longest text one entry keeps (about 25,000 words, far past any spoken or typed answer); the
 * rest is counted and said, not shown, so a runaway answer (a 9 MB nested list) cannot take
 * the page's memory or its renderer with it.
 */
export const MAX_ENTRY_CHARS = 100_000

/**
 * The text of an interrupted answer up to where playback stopped: the transcription is cut in
 * proportion to the audio heard (played ÷ received samples), backed off to a word boundary.
 * Speech rate is not uniform, so this is an approximation; it never shows words that were not heard
 * by more than the word the audio stopped in.
 */
export function cutAtPlayback(text: string, playedSamples: number, receivedSamples: number): string {
  if (receivedSamples <= 0 || playedSamples >= receivedSamples) return text
  return cutAtFraction(text, Math.max(0, playedSamples) / receivedSamples)
}

/** The first `fraction` of `text`, ending at a word boundary; 1 keeps everything, 0 keeps nothing. */
export function cutAtFraction(text: string, fraction: number): string {
  if (fraction >= 1) return text
  if (fraction <= 0) return ''
  const limit = Math.round(text.length * fraction)
  if (limit >= text.length) return text
  // Keep the cut word only if the cut falls exactly on its end.
  if (/\s/.test(text.charAt(limit))) return text.slice(0, limit).trimEnd()
  const lastSpace = text.slice(0, limit).search(/\s\S*$/)
  return lastSpace < 0 ? '' : text.slice(0, lastSpace).trimEnd()
}

/**
 * The words for a turn's end, as catalogue keys (`transcript.notice.*`): `noAnswer` says no answer
 * came back and why; a turn end with `waitingForInput` or a `turnCompleteReason` says so (wire
 * sample f04). The reason is the server's enum name and stays as sent. Null when there is nothing to say.
 */
export function turnNotice(event: TurnEvent): UiMessage | null {
  const reason = event.turnCompleteReason
  if (event.type === 'noAnswer') return reason ? { key: 'transcript.notice.noAnswer', params: { reason } } : { key: 'transcript.notice.noAnswerEmpty' }
  if (event.type !== 'turnComplete') return null
  if (event.waitingForInput) return reason ? { key: 'transcript.notice.waitingBecause', params: { reason } } : { key: 'transcript.notice.waiting' }
  return reason && reason !== 'TURN_COMPLETE_REASON_UNSPECIFIED' ? { key: 'transcript.notice.turnEnded', params: { reason } } : null
}

/** What a line shows: the whole text, or the heard part of a cut-off answer. */
export function visibleText(line: TranscriptLine): string {
  return line.heardFraction === null ? line.text : cutAtFraction(line.text, line.heardFraction)
}

/**
 * The conversation as the user sees it: transcription deltas, model text, thoughts, tool calls
 * and code/search results, in order of first appearance, except that the user's words open their
 * exchange even when the server sent them after the answer (wire sample u11). Deltas of the same
 * turn, side and kind are joined into one line, so streaming text grows in place.
 */
export class Transcript {
  items: TranscriptItem[] = []
  private readonly cutTurns = new Map<number, number>()
  private readonly completedTurns = new Set<number>()

  /** Appends a streaming delta to its line, starting the line on the first delta. */
  applyDelta(delta: TranscriptDelta): void {
    const key = `${delta.turnId}:${delta.role}:${delta.kind}`
    const line = this.find<TranscriptLine>(key)
    if (line) {
      const room = MAX_ENTRY_CHARS - line.text.length
      if (room >= delta.text.length) line.text += delta.text
      else {
        if (room > 0) line.text += delta.text.slice(0, room)
        line.droppedChars += delta.text.length - Math.max(0, room)
      }
      return
    }
    const heard = delta.role === 'model' && delta.kind === 'output' ? (this.cutTurns.get(delta.turnId) ?? null) : null
    const place = delta.role === 'user' ? this.items.findIndex((i) => i.type !== 'tool' && i.turnId === delta.turnId) : -1
    this.push(place, {
      type: 'line',
      key,
      turnId: delta.turnId,
      role: delta.role,
      kind: delta.kind,
      text: delta.text.slice(0, MAX_ENTRY_CHARS),
      heardFraction: heard,
      isCutOff: delta.role === 'model' && this.cutTurns.has(delta.turnId),
      isComplete: false,
      droppedChars: Math.max(0, delta.text.length - MAX_ENTRY_CHARS),
    })
  }

  /**
   * Marks a turn's lines complete and shows what the server said about its end; `interrupted`
   * alone carries no cut point (see {@link cutOff}).
   */
  applyTurnEvent(event: TurnEvent): void {
    if (event.type === 'interrupted') {
      this.cutOff(event.turnId, 1)
      return
    }
    const notice = turnNotice(event)
    if (notice !== null) this.notice(event.turnId, notice)
    if (event.type !== 'turnComplete') return
    this.completedTurns.add(event.turnId)
    if (this.completedTurns.size > MAX_TRANSCRIPT_ITEMS) this.completedTurns.delete(this.completedTurns.values().next().value!)
    for (const item of this.items) {
      if (item.type === 'line' && item.turnId === event.turnId) item.isComplete = true
    }
  }

  /**
   * Marks the model's answer in a turn as cut off, keeping the transcription up to the share of
   * audio that was heard. Transcription that arrives later for that turn is cut the same way.
   */
  cutOff(turnId: number, heardFraction: number): void {
    const fraction = Math.min(1, Math.max(0, heardFraction))
    const previous = this.cutTurns.get(turnId)
    // An `interrupted` after the turn ended (u09) cuts nothing when every word was already heard.
    if (fraction >= 1 && previous === undefined && this.completedTurns.has(turnId)) return
    // The first, audio-informed cut wins over a later plain `interrupted` mark.
    const kept = previous === undefined ? fraction : Math.min(previous, fraction)
    this.cutTurns.set(turnId, kept)
    let marked = false
    for (const item of this.items) {
      if (item.type !== 'line' || item.turnId !== turnId || item.role !== 'model') continue
      item.isCutOff = true
      item.isComplete = true
      if (item.kind === 'output') item.heardFraction = kept
      marked = true
    }
    if (!marked) {
      this.push(-1, {
        type: 'line',
        key: `${turnId}:model:output`,
        turnId,
        role: 'model',
        kind: 'output',
        text: '',
        heardFraction: kept,
        isCutOff: true,
        isComplete: true,
        droppedChars: 0,
      })
    }
  }

  /** Adds or updates a tool call; one line per call id. */
  applyToolActivity(activity: ToolActivity): void {
    const key = `tool:${activity.id}`
    const line = this.find<ToolLine>(key)
    if (line) {
      line.activity = { ...line.activity, ...activity, args: activity.args ?? line.activity.args }
      return
    }
    this.push(-1, { type: 'tool', key, activity })
  }

  /** Adds executable code, its result, or search sources inline with the turn. */
  applyModelContent(content: ModelContent): void {
    this.push(-1, { type: 'content', key: `content:${content.turnId}:${this.nextSerial()}`, turnId: content.turnId, content })
  }

  /** Forgets everything: a new conversation. */
  clear(): void {
    this.items = []
    this.cutTurns.clear()
    this.completedTurns.clear()
  }

  private serial = 0
  private nextSerial(): number {
    return ++this.serial
  }

  private find<T extends TranscriptItem>(key: string): T | undefined {
    // Recent items are the likely match; search from the end.
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (this.items[i]?.key === key) return this.items[i] as T
    }
    return undefined
  }

  /** One notice per turn; a later one (no answer after the reason) replaces the earlier. */
  private notice(turnId: number, message: UiMessage): void {
    const key = `notice:${turnId}`
    const existing = this.find<NoticeLine>(key)
    if (existing) existing.message = message
    else this.push(-1, { type: 'notice', key, turnId, message })
  }

  /** Adds an item at `index` (the end when -1), keeping at most {@link MAX_TRANSCRIPT_ITEMS}. */
  private push(index: number, item: TranscriptItem): void {
    if (index < 0) this.items.push(item)
    else this.items.splice(index, 0, item)
    if (this.items.length > MAX_TRANSCRIPT_ITEMS) this.items.splice(0, this.items.length - MAX_TRANSCRIPT_ITEMS)
  }
}
