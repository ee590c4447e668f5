import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildSearchQuery } from '../../../electron/main/core/history/searchQuery'
import { HISTORY_SCHEMA_VERSION } from '../../../electron/main/platform/historyMigrations/historyMigrations'
import { SqliteHistoryStore } from '../../../electron/main/platform/sqliteHistoryStore'
import { exchangeWrite, tempFolder } from './historyFixtures'

// The history database as a real file: WAL, numbered migrations, FTS5 with the trigram tokenizer.
let folder: ReturnType<typeof tempFolder>
let store: SqliteHistoryStore

const T0 = Date.UTC(2026, 10, 20, 9, 0)

beforeEach(() => {
  folder = tempFolder()
  store = SqliteHistoryStore.open({ path: folder.dbPath, now: () => T0 })
})

afterEach(() => {
  store.close()
  folder.remove()
})

async function find(text: string) {
  const query = buildSearchQuery(text, 50)
  if (!query) return []
  return (await store.search(query.plan)).map((hit) => `${hit.conversation.id}#${hit.exchange.seq}`)
}

async function seed() {
  await store.saveExchanges([
    exchangeWrite('docker', 1, 'How do I restart the docker daemon?', 'Run sudo systemctl restart docker.', T0),
    exchangeWrite('docker', 2, 'And what does this error message mean?', 'The error message says the socket is busy.', T0 + 60_000),
    exchangeWrite('tokyo', 1, '東京の天気はどうですか', '東京は晴れです。明日は雨かもしれません。', T0 + 120_000),
    exchangeWrite('quotes', 1, 'Explain say "hi" and NEAR(a b) and (unbalanced', 'The explanation: a*b is a literal star.', T0 + 180_000),
  ])
}

describe('SqliteHistoryStore on a real file', () => {
  it('creates the schema at the newest version in WAL mode', () => {
    const db = new DatabaseSync(folder.dbPath, { readOnly: true })
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: HISTORY_SCHEMA_VERSION })
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
    db.close()
  })

  it('keeps exchanges with their tool calls, screen marker and usage, and titles the conversation by its first question', async () => {
    await store.saveExchanges([
      exchangeWrite('c1', 1, '  What is on my screen?\n', 'A terminal with an error.', T0, {
        screenShared: true,
        toolCalls: [{ id: 't1', name: 'open_url', status: 'answered', args: { url: 'https://example.com' }, result: { ok: true } }],
        usage: { promptTokens: 100, responseTokens: 20, totalTokens: 120 },
      }),
      exchangeWrite('c1', 2, 'And now?', 'Still the same.', T0 + 1_000, { interrupted: true, usage: { promptTokens: 10, responseTokens: 5, totalTokens: 15 } }),
    ])
    const [summary] = await store.listConversations(10)
    expect(summary).toMatchObject({ id: 'c1', title: 'What is on my screen?', exchangeCount: 2, usage: { promptTokens: 110, responseTokens: 25, totalTokens: 135 } })
    const conversation = await store.getConversation('c1')
    expect(conversation!.exchanges.map((x) => [x.seq, x.screenShared, x.interrupted])).toEqual([
      [1, true, false],
      [2, false, true],
    ])
    expect(conversation!.exchanges[0]!.toolCalls).toEqual([{ id: 't1', name: 'open_url', status: 'answered', args: { url: 'https://example.com' }, result: { ok: true } }])
  })

  it('saving the same exchange again replaces it (a late transcription) and the index follows', async () => {
    await store.saveExchanges([exchangeWrite('c1', 1, '', 'The answer about kubernetes.', T0)])
    await store.saveExchanges([exchangeWrite('c1', 1, 'Tell me about pods', 'The answer about kubernetes.', T0)])
    expect((await store.getConversation('c1'))!.exchanges).toHaveLength(1)
    expect(await find('pods')).toEqual(['c1#1'])
    expect((await store.listConversations(1))[0]!.title).toBe('Tell me about pods')
  })

  it('finds words by prefix, inside answers, case-insensitively', async () => {
    await seed()
    expect(await find('restar')).toEqual(['docker#1'])
    expect(await find('SYSTEMCTL')).toEqual(['docker#1'])
    expect(await find('explan*')).toEqual(['quotes#1'])
  })

  it('a quoted phrase matches only those words in that order', async () => {
    await seed()
    expect(await find('"error message"')).toEqual(['docker#2'])
    expect(await find('"message error"')).toEqual([])
    // Unquoted, both words must appear anywhere.
    expect(await find('socket busy')).toEqual(['docker#2'])
  })

  it('finds Japanese text, including two-character words the trigram index cannot hold', async () => {
    await seed()
    expect(await find('東京の天気')).toEqual(['tokyo#1'])
    expect(await find('天気')).toEqual(['tokyo#1'])
    expect(await find('雨')).toEqual(['tokyo#1'])
    expect(await find('大阪')).toEqual([])
  })

  it('FTS syntax in a search is literal text and never throws', async () => {
    await seed()
    expect(await find('say "hi')).toEqual(['quotes#1'])
    expect(await find('NEAR(a')).toEqual(['quotes#1'])
    expect(await find('(unbalanced')).toEqual(['quotes#1'])
    expect(await find('a*b')).toEqual(['quotes#1'])
    for (const hostile of ['"', '""', '*', 'NEAR', 'NEAR(', 'AND', 'OR NOT', ')', '((', 'user_text:docker', '^docker', '-docker', '+', '{user_text}: x', "'; DROP TABLE exchanges; --", '%', '_', '\\']) {
      await expect(find(hostile), hostile).resolves.toBeInstanceOf(Array)
    }
    expect(await find('%')).toEqual([])
    expect((await store.listConversations(10)).length).toBe(3)
  })

  it('deletes one conversation, or everything, and its text leaves the index', async () => {
    await seed()
    await store.deleteConversation('docker')
    expect(await find('docker')).toEqual([])
    expect((await store.listConversations(10)).map((c) => c.id).sort()).toEqual(['quotes', 'tokyo'])
    await store.deleteAll()
    expect(await store.listConversations(10)).toEqual([])
    expect(await find('東京')).toEqual([])
  })

  it('retention deletes exchanges that ended before the cutoff and conversations left empty', async () => {
    await seed()
    const deleted = await store.deleteEndedBefore(T0 + 100_000)
    expect(deleted).toBe(2)
    expect((await store.listConversations(10)).map((c) => c.id).sort()).toEqual(['quotes', 'tokyo'])
    expect(await find('docker')).toEqual([])
  })

  it('survives a reopen with everything in place', async () => {
    await seed()
    store.close()
    store = SqliteHistoryStore.open({ path: folder.dbPath })
    expect(await find('天気')).toEqual(['tokyo#1'])
    expect(store.notices).toEqual([])
  })
})

describe('opening a damaged or newer database', () => {
  it('moves a corrupt file aside as history.db.corrupt-<time>, starts a new one and says so once', async () => {
    store.close()
    writeFileSync(folder.dbPath, Buffer.alloc(8192, 0x5a))
    store = SqliteHistoryStore.open({ path: folder.dbPath, now: () => T0 })
    const backup = `${folder.dbPath}.corrupt-2026-11-20T09-00-00-000Z`
    expect(store.notices).toEqual([{ kind: 'recovered-corrupt', backupPath: backup }])
    expect(existsSync(backup)).toBe(true)
    await store.saveExchanges([exchangeWrite('fresh', 1, 'Hello again', 'Hi', T0)])
    expect((await store.listConversations(5)).map((c) => c.id)).toEqual(['fresh'])
    store.close()
    store = SqliteHistoryStore.open({ path: folder.dbPath })
    expect(store.notices).toEqual([])
    expect(readdirSync(folder.dir).filter((f) => f.includes('corrupt'))).toHaveLength(1)
  })

  it('opens a database from a newer Sightline read-only: reads work, writes are refused', async () => {
    await seed()
    store.close()
    const db = new DatabaseSync(folder.dbPath)
    db.exec(`PRAGMA user_version = ${HISTORY_SCHEMA_VERSION + 5}`)
    db.close()
    store = SqliteHistoryStore.open({ path: folder.dbPath })
    expect(store.isReadOnly).toBe(true)
    expect(store.notices).toEqual([{ kind: 'read-only-newer', backupPath: null }])
    expect(await find('the')).toEqual(['quotes#1', 'docker#2', 'docker#1'])
    await expect(store.saveExchanges([exchangeWrite('new', 1, 'x', 'y', T0)])).rejects.toThrow(/readonly/)
    const check = new DatabaseSync(folder.dbPath, { readOnly: true })
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: HISTORY_SCHEMA_VERSION + 5 })
    check.close()
  })
})
