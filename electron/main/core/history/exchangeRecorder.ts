import type { SessionStatus, ToolActivity, TranscriptDelta, TurnEvent, Usage } from '../../../../shared/ipcContract'
import type { HistoryExchange, HistoryToolCall, HistoryUsage } from '../../../../shared/history'
import type { Clock, HistoryExchangeWrite, HistoryStore, Logger, TimerHandle } from '../ports'
import { redactFields, redactSecrets } from '../redact'

/** Input transcription can arrive 3–8 s after the answer (wire sample u11); this late, it still belongs to the exchange before. */
const LATE_INPUT_MS = 10_000
/** Bounds on what one exchange keeps, so a runaway answer cannot bloat the database. */
const MAX_TEXT_CHARS = 50_000
const MAX_TOOL_JSON_CHARS = 20_000

export interface ExchangeRecorderDeps {
  store: HistoryStore | null
  clock: Clock
  logger: Logger
  /** The model answering now (the settings' choice). */
  modelId(): string | null
  /** Whether the screen is being shared right now. */
  isSharing(): boolean
  /** Masked wherever they appear (the key in use). */
  secrets(): readonly string[]
  /** False while retention is "don't keep" or the database is read-only. */
  isEnabled(): boolean
  /** A new conversation's id. */
  newId?: () => string
  /** A write landed (the History view refreshes). */
  onSaved?(conversationIds: readonly string[]): void
  /** The conversation exchanges go to began (its id) or ended (null). */
  onConversation?(id: string | null): void
}

interface Draft {
  turnId: number | null
  startedAt: number
  endedAt: number
  user: string
  output: string
  text: string
  tools: Map<string, HistoryToolCall>
  screenShared: boolean
  interrupted: boolean
  usage: HistoryUsage | null
  modelId: string | null
}

interface Entry {
  write: HistoryExchangeWrite
  draft: Draft
  /** Bumped on every change; a write only clears the version it carried. */
  version: number
}

type Conversation = HistoryExchangeWrite['conversation']

/**
 * Derives exchanges (a question and its answer) from the LiveSession's events alone —
 * transcripts, turn events, tool activity, usage and status — so it does not depend on the engine's
 * internals. An exchange ends at `turnComplete`, when another turn starts, or when the
 * conversation ends; it is then queued and written off the event path (one write per exchange,
 * on the next tick). A failed write stays queued and is retried with the next exchange: nothing
 * in memory is dropped. The user's words come first in an exchange even when their
 * transcription arrives after the answer. Audio and frames never reach it; secrets are masked.
 */
export class ExchangeRecorder {
  private conversation: Conversation | null = null
  private nextContinuedFrom: string | null = null
  private seq = 0
  private current: Draft | null = null
  private last: Entry | null = null
  private readonly pending: Entry[] = []
  private carriedUsage: HistoryUsage | null = null
  private lastUsage: HistoryUsage | null = null
  private timer: TimerHandle | null = null
  private writing: Promise<void> | null = null

  constructor(private readonly deps: ExchangeRecorderDeps) {}

  /** Exchanges finished but not yet on disk (a failed write leaves them here). */
  get pendingCount(): number {
    return this.pending.length
  }

  /** The history conversation exchanges go to now, if one has begun. */
  get conversationId(): string | null {
    return this.conversation?.id ?? null
  }

  onTranscript(delta: TranscriptDelta): void {
    if (!this.isOn || delta.kind === 'thought' || !delta.text) return
    const now = this.deps.clock.now()
    if (delta.role === 'user' && this.current?.turnId !== delta.turnId && this.attachLateInput(delta.text, now)) return
    const draft = this.draftFor(delta.turnId, now)
    if (delta.role === 'user') draft.user += delta.text
    else if (delta.kind === 'output') draft.output += delta.text
    else draft.text += delta.text
  }

  onTurnEvent(event: TurnEvent): void {
    if (!this.isOn) return
    const current = this.current
    if (event.type === 'interrupted') {
      if (current && current.turnId === event.turnId) current.interrupted = true
      // A late `interrupted` belongs to the turn that ended (wire sample u09).
      else if (this.last && this.last.draft.turnId === event.turnId) this.change(this.last, (d) => (d.interrupted = true))
      return
    }
    if (event.type === 'turnComplete' && current && (current.turnId === null || current.turnId <= event.turnId)) this.finish()
  }

  onToolActivity(activity: ToolActivity): void {
    if (!this.isOn) return
    const draft = this.current ?? this.draftFor(null, this.deps.clock.now())
    const known = draft.tools.get(activity.id)
    draft.tools.set(activity.id, {
      id: activity.id,
      name: activity.name,
      status: activity.status,
      args: activity.args ?? known?.args,
      result: activity.result ?? known?.result,
    })
  }

  /** `connecting` is a new start, whose usage totals begin again at zero (a resume keeps counting). */
  onStatus(status: SessionStatus): void {
    if (status.state === 'connecting') this.lastUsage = null
  }

  /** Usage arrives as running totals for the session; each exchange keeps what it added. */
  onUsage(usage: Usage): void {
    const total: HistoryUsage = { promptTokens: usage.promptTokens, responseTokens: usage.responseTokens, totalTokens: usage.totalTokens }
    const before = this.lastUsage
    this.lastUsage = total
    if (!this.isOn) return
    const isContinuing = before !== null && total.totalTokens >= before.totalTokens && total.promptTokens >= before.promptTokens
    const added = isContinuing ? subtract(total, before) : total
    if (added.totalTokens === 0 && added.promptTokens === 0 && added.responseTokens === 0) return
    if (this.current) this.current.usage = sum(this.current.usage, added)
    else if (this.last && this.pending.includes(this.last)) this.change(this.last, (d) => (d.usage = sum(d.usage, added)))
    else this.carriedUsage = sum(this.carriedUsage, added)
  }

  /** The user ended the conversation: what is open is kept, and the next exchange starts a new one. */
  endConversation(): void {
    this.finish()
    if (this.conversation) this.deps.onConversation?.(null)
    this.conversation = null
    this.last = null
    this.seq = 0
  }

  /** Carries on a stored conversation after `lastSeq` (the session resumed it after an app restart). */
  resumeConversation(conversation: Conversation, lastSeq: number): void {
    this.endConversation()
    this.conversation = conversation
    this.seq = lastSeq
  }

  /** The next conversation continues a stored one (History's Continue). */
  beginContinuation(fromId: string): void {
    this.endConversation()
    this.nextContinuedFrom = fromId
  }

  /** Finishes what is open and writes everything queued; resolves when the write settled. */
  async flush(): Promise<void> {
    this.finish()
    if (this.timer) {
      this.deps.clock.clearTimeout(this.timer)
      this.timer = null
    }
    while (this.writing) await this.writing
    if (this.pending.length > 0) await this.write()
  }

  /** Forgets what is queued (history was deleted or switched off). */
  discard(): void {
    this.current = null
    this.pending.length = 0
    this.last = null
  }

  private get isOn(): boolean {
    return this.deps.store !== null && this.deps.isEnabled()
  }

  private draftFor(turnId: number | null, now: number): Draft {
    const current = this.current
    if (current && (current.turnId === turnId || turnId === null || current.turnId === null)) {
      current.turnId ??= turnId
      current.endedAt = now
      current.screenShared ||= this.deps.isSharing()
      return current
    }
    this.finish()
    const draft: Draft = {
      turnId,
      startedAt: now,
      endedAt: now,
      user: '',
      output: '',
      text: '',
      tools: new Map(),
      screenShared: this.deps.isSharing(),
      interrupted: false,
      usage: this.carriedUsage,
      modelId: this.deps.modelId(),
    }
    this.carriedUsage = null
    this.current = draft
    return draft
  }

  /** A user transcription for a turn that already ended without words from the user: it was that turn's question. */
  private attachLateInput(text: string, now: number): boolean {
    const last = this.last
    if (!last || this.current || last.draft.user.trim() || now - last.draft.endedAt > LATE_INPUT_MS) return false
    this.change(last, (d) => (d.user += text))
    return true
  }

  private finish(): void {
    const draft = this.current
    this.current = null
    if (!draft || (!draft.user.trim() && !draft.output.trim() && !draft.text.trim() && draft.tools.size === 0)) return
    draft.endedAt = Math.max(draft.endedAt, this.deps.clock.now())
    if (!this.conversation) {
      this.conversation = { id: (this.deps.newId ?? randomId)(), startedAt: draft.startedAt, continuedFrom: this.nextContinuedFrom }
      this.nextContinuedFrom = null
      this.deps.onConversation?.(this.conversation.id)
    }
    const entry: Entry = { draft, version: 0, write: { conversation: this.conversation, exchange: this.toExchange(draft, ++this.seq) } }
    this.last = entry
    this.pending.push(entry)
    this.scheduleWrite()
  }

  private change(entry: Entry, edit: (draft: Draft) => void): void {
    edit(entry.draft)
    entry.version++
    entry.write = { ...entry.write, exchange: this.toExchange(entry.draft, entry.write.exchange.seq) }
    if (!this.pending.includes(entry)) this.pending.push(entry)
    this.scheduleWrite()
  }

  private toExchange(d: Draft, seq: number): HistoryExchange {
    const secrets = this.deps.secrets()
    const clean = (text: string) => redactSecrets(text.trim(), secrets).slice(0, MAX_TEXT_CHARS)
    return {
      seq,
      startedAt: d.startedAt,
      endedAt: d.endedAt,
      modelId: d.modelId,
      userText: clean(d.user),
      // Audio answers come as a transcription; a text part in an audio session repeats it (wire sample u12).
      modelText: clean(d.output.trim() ? d.output : d.text),
      toolCalls: [...d.tools.values()].map((t) => boundTool(redactFields(t, secrets) as HistoryToolCall)),
      screenShared: d.screenShared,
      interrupted: d.interrupted,
      usage: d.usage,
    }
  }

  /** One write per exchange, on the next tick: never inside the server message handler. */
  private scheduleWrite(): void {
    if (this.timer) return
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null
      void this.write()
    }, 0)
  }

  private async write(): Promise<void> {
    if (this.writing) return this.writing
    const store = this.deps.store
    const batch = this.pending.map((entry) => ({ entry, version: entry.version, write: entry.write }))
    if (!store || batch.length === 0) return
    this.writing = (async () => {
      try {
        await store.saveExchanges(batch.map((b) => b.write))
        for (const { entry, version } of batch) {
          const at = this.pending.indexOf(entry)
          if (at >= 0 && entry.version === version) this.pending.splice(at, 1)
        }
        this.deps.onSaved?.([...new Set(batch.map((b) => b.write.conversation.id))])
      } catch (error) {
        this.deps.logger.warn('could not keep an exchange in history; retrying with the next one', { error, queued: this.pending.length })
      }
    })()
    try {
      await this.writing
    } finally {
      this.writing = null
    }
  }
}

function boundTool(tool: HistoryToolCall): HistoryToolCall {
  const json = JSON.stringify(tool.result ?? null)
  return json.length > MAX_TOOL_JSON_CHARS ? { ...tool, result: `${json.slice(0, MAX_TOOL_JSON_CHARS)}…` } : tool
}

function subtract(a: HistoryUsage, b: HistoryUsage): HistoryUsage {
  return { promptTokens: a.promptTokens - b.promptTokens, responseTokens: a.responseTokens - b.responseTokens, totalTokens: a.totalTokens - b.totalTokens }
}

function sum(a: HistoryUsage | null, b: HistoryUsage): HistoryUsage {
  if (!a) return { ...b }
  return { promptTokens: a.promptTokens + b.promptTokens, responseTokens: a.responseTokens + b.responseTokens, totalTokens: a.totalTokens + b.totalTokens }
}

function randomId(): string {
  return globalThis.crypto.randomUUID()
}
