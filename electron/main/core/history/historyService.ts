import type { AppError, Notice, SessionStatus } from '../../../../shared/ipcContract'
import type {
  HistoryConversation,
  HistoryDay,
  HistoryExportRequest,
  HistoryExportResult,
  HistorySearchHit,
  HistoryStatus,
} from '../../../../shared/history'
import { CodedError } from '../../../../shared/codedError'
import type { Settings } from '../../../../shared/settings'
import type { Clock, ConversationStore, DesktopActions, HistoryStore, Logger, SaveDialog } from '../ports'
import { ExchangeRecorder } from './exchangeRecorder'
import { uiLocaleOf } from '../../../../shared/i18n/catalogue'
import { exportFileName, exportWords, toJson, toMarkdown, toPlainTranscript, type ExportWords } from './historyExport'
import { findResumedConversation, importKeptConversationOnce, OPEN_CONVERSATION_META_KEY } from './keptConversation'
import { localDay } from './localTime'
import { retentionCutoff } from './retentionCutoff'
import { buildSearchQuery } from './searchQuery'
import { cutSnippet, hasMatch } from './snippet'
import type { Disposable } from '../lifecycle'

const LIST_LIMIT = 500
const SEARCH_LIMIT = 200

export interface HistoryServiceDeps {
  /** Null when the database could not be opened at all: history is then off for this run. */
  store: HistoryStore | null
  clock: Clock
  logger: Logger
  settings: { get(): Settings; onChange(listener: (next: Settings, previous: Settings) => void): Disposable }
  saveDialog: SaveDialog
  desktop: Pick<DesktopActions, 'writeClipboard'>
  /**
   * The conversation kept for resumption (conversation.json): imported once, and while it may
   * still be resumed after a restart, new exchanges go on in the history conversation it was.
   */
  conversationStore?: ConversationStore
  /** How long a kept conversation can be resumed (the session's handle lifetime). */
  resumableForMs: number
  secrets(): readonly string[]
  isSharing(): boolean
  /** History changed; the page refreshes its view. */
  onChanged(conversationId: string | null): void
  /** Starts a fresh session seeded with these turns, showing `notes` once live (History's Continue). */
  startSeeded(seed: { turns: { role: 'user' | 'model'; text: string }[]; notes: Notice[] }): Promise<SessionStatus>
  /** Why the database could not be opened, when `store` is null. */
  openError?: string | null
  /** The OS locale (`app.getLocale()`) the 'system' language setting follows: exports and copied transcripts are in the UI language. */
  osLocale?: string
  newId?: () => string
}

/**
 * Local conversation history (issue 14): records exchanges from the session's events, lists
 * them by day, searches, opens, exports, deletes and continues them, and applies the retention
 * setting at once when it changes. Every call answers with data or a coded error.
 */
export class HistoryService implements Disposable {
  readonly recorder: ExchangeRecorder
  private readonly settingsListener: Disposable

  private constructor(private readonly deps: HistoryServiceDeps) {
    this.recorder = new ExchangeRecorder({
      store: deps.store,
      clock: deps.clock,
      logger: deps.logger,
      modelId: () => deps.settings.get().model,
      isSharing: () => deps.isSharing(),
      secrets: () => deps.secrets(),
      isEnabled: () => deps.settings.get().historyRetention !== 'off' && !(deps.store?.isReadOnly ?? true),
      newId: deps.newId,
      onSaved: (ids) => ids.forEach((id) => deps.onChanged(id)),
      onConversation: (id) => void this.noteOpenConversation(id),
    })
    this.settingsListener = deps.settings.onChange((next, previous) => {
      if (next.historyRetention !== previous.historyRetention) void this.applyRetention()
    })
  }

  /**
   * Builds the service: imports conversation.json once, applies retention, and carries on the
   * conversation the session will resume. Never throws: failures are logged.
   */
  static async open(deps: HistoryServiceDeps): Promise<HistoryService> {
    const service = new HistoryService(deps)
    const { store, conversationStore, clock, logger } = deps
    const link = store && !store.isReadOnly && conversationStore ? { store, conversationStore, clock, logger } : null
    if (link && deps.settings.get().historyRetention !== 'off') await importKeptConversationOnce(link, deps.secrets())
    await service.applyRetention()
    const resumed = link ? await findResumedConversation(link, deps.resumableForMs) : null
    if (resumed) service.recorder.resumeConversation(resumed.conversation, resumed.lastSeq)
    return service
  }

  /** What opening the database found, as errors the page shows once. */
  notices(): AppError[] {
    const { store, openError } = this.deps
    if (!store) {
      return openError ? [{ code: 'HISTORY_UNAVAILABLE', message: `Conversation history is off for this run: ${openError}` }] : []
    }
    return store.notices.map((notice): AppError =>
      notice.kind === 'recovered-corrupt'
        ? {
            code: 'HISTORY_RECOVERED',
            message: 'Your conversation history was damaged, so Sightline started a new one.',
            params: notice.backupPath ? { backupPath: notice.backupPath } : {},
          }
        : {
            code: 'HISTORY_READ_ONLY',
            message: 'Your conversation history was written by a newer Sightline, so this version can read it but keeps nothing new.',
          },
    )
  }

  status(): HistoryStatus {
    const store = this.deps.store
    const isReadOnly = store?.isReadOnly ?? false
    const note = !store ? { code: 'HISTORY_UNAVAILABLE' } : isReadOnly ? { code: 'HISTORY_READ_ONLY' } : null
    return { retention: this.deps.settings.get().historyRetention, isReadOnly, note }
  }

  /** Conversations grouped by the local day they were last active, newest first. */
  async listByDay(): Promise<HistoryDay[]> {
    const store = this.deps.store
    if (!store) return []
    const conversations = await this.read(() => store.listConversations(LIST_LIMIT))
    const days: HistoryDay[] = []
    for (const conversation of conversations) {
      const day = localDay(conversation.updatedAt)
      const last = days.at(-1)
      if (last?.day === day) last.conversations.push(conversation)
      else days.push({ day, conversations: [conversation] })
    }
    return days
  }

  /** Exchanges whose text holds every term, newest first, each with a highlighted snippet. Any text is safe to search. */
  async search(text: string): Promise<HistorySearchHit[]> {
    const store = this.deps.store
    const query = buildSearchQuery(text, SEARCH_LIMIT)
    if (!store || !query) return []
    const hits = await this.read(() => store.search(query.plan))
    return hits.map(({ conversation, exchange }) => {
      const role = hasMatch(exchange.userText, query.terms) || !exchange.modelText ? 'user' : 'model'
      return {
        conversation,
        seq: exchange.seq,
        startedAt: exchange.startedAt,
        role,
        snippet: cutSnippet(role === 'user' ? exchange.userText : exchange.modelText, query.terms),
      }
    })
  }

  async open(id: string): Promise<HistoryConversation> {
    const store = this.requireStore()
    const conversation = await this.read(() => store.getConversation(id))
    if (!conversation) throw new CodedError('HISTORY_NOT_FOUND', 'That conversation is no longer in your history.')
    return conversation
  }

  async delete(id: string): Promise<void> {
    const store = this.requireWritable()
    if (this.recorder.conversationId === id) this.recorder.endConversation()
    await this.write(() => store.deleteConversation(id))
    this.deps.onChanged(id)
  }

  async deleteAll(): Promise<void> {
    const store = this.requireWritable()
    this.recorder.endConversation()
    this.recorder.discard()
    await this.write(() => store.deleteAll())
    this.deps.onChanged(null)
  }

  /** Markdown or JSON, one conversation or all, through the save dialog (or back to the page in the harness). */
  async export(request: HistoryExportRequest): Promise<HistoryExportResult> {
    const store = this.requireStore()
    const conversations = request.id ? [await this.open(request.id)] : await this.all(store)
    const now = this.deps.clock.now()
    const isMarkdown = request.format === 'markdown'
    const content = isMarkdown ? toMarkdown(conversations, this.words()) : toJson(conversations, now)
    const fileName = exportFileName(request.id ? conversations[0]! : null, isMarkdown ? 'md' : 'json', now)
    const filter = isMarkdown ? { name: 'Markdown', extensions: ['md'] } : { name: 'JSON', extensions: ['json'] }
    const { outcome } = await this.deps.saveDialog.save({ defaultName: fileName, content, filter })
    return { outcome, fileName, content: outcome === 'download' ? content : null }
  }

  /** The words exports are written in: the UI language the settings choose. */
  private words(): ExportWords {
    return exportWords(uiLocaleOf(this.deps.settings.get().uiLanguage, this.deps.osLocale))
  }

  /** Puts the conversation, as plain text, on the clipboard. */
  async copyTranscript(id: string): Promise<void> {
    await this.deps.desktop.writeClipboard(toPlainTranscript(await this.open(id), this.words()))
  }

  /** A fresh session seeded with the stored conversation; what follows is kept as a new conversation that continues it. */
  async continue(id: string): Promise<SessionStatus> {
    const conversation = await this.open(id)
    const turns = conversation.exchanges.flatMap((x) => [
      ...(x.userText ? [{ role: 'user' as const, text: x.userText }] : []),
      ...(x.modelText ? [{ role: 'model' as const, text: x.modelText }] : []),
    ])
    if (turns.length === 0) throw new CodedError('HISTORY_EMPTY', 'That conversation has nothing to continue from.')
    // A moment, not words: the edge formats it in the UI language.
    const when = conversation.updatedAt
    const notes: Notice[] = [conversation.title ? { code: 'CONTINUING_HISTORY', params: { title: conversation.title, when } } : { code: 'CONTINUING_HISTORY_UNTITLED', params: { when } }]
    this.recorder.beginContinuation(id)
    return this.deps.startSeeded({ turns, notes })
  }

  /** Deletes what the retention setting no longer keeps; "don't keep" deletes everything. */
  async applyRetention(): Promise<void> {
    const store = this.deps.store
    if (!store || store.isReadOnly) return
    const cutoff = retentionCutoff(this.deps.settings.get().historyRetention, this.deps.clock.now())
    if (cutoff === null) return
    try {
      if (cutoff === Number.POSITIVE_INFINITY) {
        this.recorder.discard()
        await store.deleteAll()
      } else {
        const deleted = await store.deleteEndedBefore(cutoff)
        if (deleted === 0) return
      }
      this.deps.onChanged(null)
    } catch (error) {
      this.deps.logger.warn('could not apply history retention', { error })
    }
  }

  /** Writes what the recorder holds (at quit). */
  async flush(): Promise<void> {
    await this.recorder.flush()
  }

  /** Stops following the settings (the composition's teardown); the store stays open for its owner. */
  dispose(): void {
    this.settingsListener.dispose()
  }

  /** Stops following the settings and closes the store (at quit). */
  close(): void {
    this.dispose()
    this.deps.store?.close()
  }

  private async noteOpenConversation(id: string | null): Promise<void> {
    const store = this.deps.store
    if (!store || store.isReadOnly) return
    try {
      await store.setMeta(OPEN_CONVERSATION_META_KEY, id ?? '')
    } catch (error) {
      this.deps.logger.warn('could not note the open conversation', { error })
    }
  }

  private async all(store: HistoryStore): Promise<HistoryConversation[]> {
    const summaries = await this.read(() => store.listConversations(Number.MAX_SAFE_INTEGER))
    const conversations: HistoryConversation[] = []
    for (const s of summaries) {
      const c = await this.read(() => store.getConversation(s.id))
      if (c) conversations.push(c)
    }
    return conversations
  }

  private requireStore(): HistoryStore {
    if (!this.deps.store) throw new CodedError('HISTORY_UNAVAILABLE', 'Conversation history is not available in this run.')
    return this.deps.store
  }

  private requireWritable(): HistoryStore {
    const store = this.requireStore()
    if (store.isReadOnly) throw new CodedError('HISTORY_READ_ONLY', 'This history was written by a newer Sightline and cannot be changed here.')
    return store
  }

  private async read<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      this.deps.logger.warn('could not read history', { error })
      throw new CodedError('HISTORY_READ_FAILED', 'Sightline could not read your conversation history.', { cause: error })
    }
  }

  private async write(work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (error) {
      this.deps.logger.warn('could not change history', { error })
      throw new CodedError('HISTORY_WRITE_FAILED', 'Sightline could not change your conversation history.', { cause: error })
    }
  }
}
