import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import type { HistoryConversation, HistoryConversationSummary } from '../../../shared/history'
import type { HistoryExchangeWrite, HistoryOpenNotice, HistorySearchPlan, HistoryStore, HistoryStoreHit, Logger } from '../core/ports'
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA_VERSION } from './historyMigrations/historyMigrations'
import { silentLogger } from './pinoLogger'
import { toExchange, toSummary, type Row } from './sqliteHistoryRows'

/** The database's file name inside the user-data folder. */
export const HISTORY_FILE_NAME = 'history.db'

/** SQLite result codes that mean the file is not a usable database (https://sqlite.org/rescode.html). */
const SQLITE_CORRUPT = 11
const SQLITE_NOTADB = 26
/** The longest title kept for a conversation (its first question). */
const MAX_TITLE_CHARS = 120

export interface SqliteHistoryStoreOptions {
  /** The database file (`<userData>/history.db` in production). */
  path: string
  logger?: Logger
  /** For the moved-aside file's name. */
  now?: () => number
}

const SUMMARY_COLUMNS = `
  c.id, c.title, c.started_at, c.updated_at, c.model_id, c.continued_from,
  (SELECT count(*) FROM exchanges e WHERE e.conversation_id = c.id) AS exchange_count,
  (SELECT coalesce(sum(prompt_tokens), 0) FROM exchanges e WHERE e.conversation_id = c.id) AS prompt_tokens,
  (SELECT coalesce(sum(response_tokens), 0) FROM exchanges e WHERE e.conversation_id = c.id) AS response_tokens,
  (SELECT coalesce(sum(total_tokens), 0) FROM exchanges e WHERE e.conversation_id = c.id) AS total_tokens`

const EXCHANGE_COLUMNS = `e.conversation_id, e.seq, e.started_at, e.ended_at, e.model_id, e.user_text, e.model_text,
  e.tool_calls, e.screen_shared, e.interrupted, e.prompt_tokens, e.response_tokens, e.total_tokens`

/**
 * The conversation history in a SQLite file through Node's built-in `node:sqlite` (no native
 * module to rebuild for Electron). WAL mode, so a write never blocks a reader and a crash
 * mid-write loses at most that write. Schema steps are numbered migrations. A file SQLite
 * cannot read is moved aside as `history.db.corrupt-<time>` and a new database started; a
 * database from a newer Sightline (higher `user_version`) is opened read-only. Each method is a
 * few synchronous statements (well under a millisecond for one exchange, see bench/history).
 */
export class SqliteHistoryStore implements HistoryStore {
  readonly notices: HistoryOpenNotice[] = []
  private db: DatabaseSync
  private readOnly = false

  private constructor(private readonly options: SqliteHistoryStoreOptions) {
    this.db = this.openRecovering()
  }

  /**
   * Opens (creating, migrating, or recovering) the database at `options.path`. Throws only when
   * the folder itself cannot be used (permissions, disk): that is not something a new file fixes.
   */
  static open(options: SqliteHistoryStoreOptions): SqliteHistoryStore {
    return new SqliteHistoryStore(options)
  }

  get isReadOnly(): boolean {
    return this.readOnly
  }

  async saveExchanges(writes: readonly HistoryExchangeWrite[]): Promise<void> {
    if (writes.length === 0) return
    const upsertConversation = this.db.prepare(`
      INSERT INTO conversations (id, started_at, updated_at, title, model_id, continued_from)
      VALUES (:id, :startedAt, :updatedAt, :title, :modelId, :continuedFrom)
      ON CONFLICT (id) DO UPDATE SET
        updated_at = max(updated_at, excluded.updated_at),
        title = CASE WHEN title = '' THEN excluded.title ELSE title END,
        model_id = coalesce(excluded.model_id, model_id)`)
    const upsertExchange = this.db.prepare(`
      INSERT INTO exchanges (conversation_id, seq, started_at, ended_at, model_id, user_text, model_text, tool_calls,
        screen_shared, interrupted, prompt_tokens, response_tokens, total_tokens)
      VALUES (:conversationId, :seq, :startedAt, :endedAt, :modelId, :userText, :modelText, :toolCalls,
        :screenShared, :interrupted, :promptTokens, :responseTokens, :totalTokens)
      ON CONFLICT (conversation_id, seq) DO UPDATE SET
        started_at = excluded.started_at, ended_at = excluded.ended_at, model_id = excluded.model_id,
        user_text = excluded.user_text, model_text = excluded.model_text, tool_calls = excluded.tool_calls,
        screen_shared = excluded.screen_shared, interrupted = excluded.interrupted,
        prompt_tokens = excluded.prompt_tokens, response_tokens = excluded.response_tokens, total_tokens = excluded.total_tokens`)
    this.transaction(() => {
      for (const { conversation, exchange: x } of writes) {
        upsertConversation.run({
          id: conversation.id,
          startedAt: conversation.startedAt,
          updatedAt: x.endedAt,
          title: x.userText.trim().replace(/\s+/g, ' ').slice(0, MAX_TITLE_CHARS),
          modelId: x.modelId,
          continuedFrom: conversation.continuedFrom,
        })
        upsertExchange.run({
          conversationId: conversation.id,
          seq: x.seq,
          startedAt: x.startedAt,
          endedAt: x.endedAt,
          modelId: x.modelId,
          userText: x.userText,
          modelText: x.modelText,
          toolCalls: JSON.stringify(x.toolCalls),
          screenShared: x.screenShared ? 1 : 0,
          interrupted: x.interrupted ? 1 : 0,
          promptTokens: x.usage?.promptTokens ?? null,
          responseTokens: x.usage?.responseTokens ?? null,
          totalTokens: x.usage?.totalTokens ?? null,
        })
      }
    })
  }

  async listConversations(limit: number): Promise<HistoryConversationSummary[]> {
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM conversations c ORDER BY c.updated_at DESC LIMIT ?`).all(limit) as Row[]
    return rows.map(toSummary)
  }

  async getConversation(id: string): Promise<HistoryConversation | null> {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.id = ?`).get(id) as Row | undefined
    if (!row) return null
    const exchanges = this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges e WHERE e.conversation_id = ? ORDER BY e.seq`).all(id) as Row[]
    return { ...toSummary(row), exchanges: exchanges.map(toExchange) }
  }

  async search(plan: HistorySearchPlan): Promise<HistoryStoreHit[]> {
    const likes: string[] = []
    const params: SQLInputValue[] = []
    for (const text of plan.contains) {
      likes.push(`(e.user_text LIKE ? ESCAPE '\\' OR e.model_text LIKE ? ESCAPE '\\')`)
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      params.push(pattern, pattern)
    }
    if (plan.match === null && likes.length === 0) return []
    const filter = likes.length > 0 ? `WHERE ${likes.join(' AND ')}` : ''
    // Newest first by rowid (insertion order), so FTS5 and the scan both stop at the limit
    // instead of collecting every match of a common word; the page then sorts by time.
    const sql =
      plan.match === null
        ? `SELECT ${EXCHANGE_COLUMNS} FROM exchanges e ${filter} ORDER BY e.id DESC LIMIT ?`
        : `SELECT ${EXCHANGE_COLUMNS} FROM (SELECT rowid AS id FROM exchanges_fts WHERE exchanges_fts MATCH ? ORDER BY rowid DESC) f
             JOIN exchanges e ON e.id = f.id ${filter} LIMIT ?`
    const args = plan.match === null ? [...params, plan.limit] : [plan.match, ...params, plan.limit]
    const rows = (this.db.prepare(sql).all(...args) as Row[]).sort((a, b) => Number(b.ended_at) - Number(a.ended_at))
    const ids = [...new Set(rows.map((r) => String(r.conversation_id)))]
    const summaries = new Map<string, HistoryConversationSummary>()
    if (ids.length > 0) {
      const found = this.db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids) as Row[]
      for (const row of found) summaries.set(String(row.id), toSummary(row))
    }
    return rows.flatMap((row) => {
      const conversation = summaries.get(String(row.conversation_id))
      return conversation ? [{ conversation, exchange: toExchange(row) }] : []
    })
  }

  async deleteConversation(id: string): Promise<void> {
    this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id)
  }

  async deleteAll(): Promise<void> {
    this.transaction(() => {
      this.db.exec('DELETE FROM exchanges; DELETE FROM conversations;')
    })
    // Deleted text must not linger in free pages or the WAL.
    this.db.exec("INSERT INTO exchanges_fts (exchanges_fts) VALUES ('optimize'); PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
  }

  async deleteEndedBefore(cutoff: number): Promise<number> {
    let deleted = 0
    this.transaction(() => {
      deleted = Number(this.db.prepare('DELETE FROM exchanges WHERE ended_at < ?').run(cutoff).changes)
      this.db.exec('DELETE FROM conversations WHERE NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.conversation_id = conversations.id)')
    })
    return deleted
  }

  async getMeta(key: string): Promise<string | null> {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      work()
      this.db.exec('COMMIT')
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  private openRecovering(): DatabaseSync {
    const { path } = this.options
    mkdirSync(dirname(path), { recursive: true })
    try {
      return this.openWritable()
    } catch (error) {
      if (!isCorruption(error)) throw error
      const stamp = new Date((this.options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-')
      const backupPath = `${path}.corrupt-${stamp}`
      renameSync(path, backupPath)
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(path + suffix)) renameSync(path + suffix, backupPath + suffix)
      }
      this.logger.warn('history database unreadable; moved aside and started a new one', { backupPath, error })
      this.notices.push({ kind: 'recovered-corrupt', backupPath })
      return this.openWritable()
    }
  }

  private openWritable(): DatabaseSync {
    const db = new DatabaseSync(this.options.path, { enableForeignKeyConstraints: true, timeout: 2_000 })
    try {
      const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)
      if (version > HISTORY_SCHEMA_VERSION) {
        db.close()
        return this.openReadOnly(version)
      }
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
      const check = db.prepare('PRAGMA quick_check(1)').get() as { quick_check: string }
      if (check.quick_check !== 'ok') throw Object.assign(new Error(`quick_check: ${check.quick_check}`), { errcode: SQLITE_CORRUPT })
      migrate(db, version)
      return db
    } catch (error) {
      if (db.isOpen) db.close()
      throw error
    }
  }

  private openReadOnly(version: number): DatabaseSync {
    this.readOnly = true
    this.logger.warn('history database is from a newer Sightline; opened read-only', { version, known: HISTORY_SCHEMA_VERSION })
    this.notices.push({ kind: 'read-only-newer', backupPath: null })
    return new DatabaseSync(this.options.path, { readOnly: true, timeout: 2_000 })
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger
  }
}

/** Applies every migration newer than `from`, each in its own transaction with its version. */
function migrate(db: DatabaseSync, from: number): void {
  for (const migration of HISTORY_MIGRATIONS) {
    if (migration.version <= from) continue
    db.exec('BEGIN IMMEDIATE')
    try {
      migration.up(db)
      db.exec(`PRAGMA user_version = ${migration.version}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB
}

/** Opens the history database for the composition roots; a folder that cannot be used turns history off for the run, with the reason. */
export function openSqliteHistoryStore(options: SqliteHistoryStoreOptions): { store: SqliteHistoryStore | null; error: string | null } {
  try {
    return { store: SqliteHistoryStore.open(options), error: null }
  } catch (error) {
    options.logger?.error('could not open the history database; history is off for this run', { error })
    return { store: null, error: error instanceof Error ? error.message : String(error) }
  }
}
