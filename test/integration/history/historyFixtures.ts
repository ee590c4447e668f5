import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HistoryExchange } from '../../../shared/history'
import type { HistoryExchangeWrite } from '../../../electron/main/core/ports'

/** A fresh folder for one test's database; `remove` deletes it. */
export function tempFolder(): { dir: string; dbPath: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-history-'))
  return { dir, dbPath: join(dir, 'history.db'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** One exchange to save, with plain defaults for what a test does not care about. */
export function exchangeWrite(
  conversationId: string,
  seq: number,
  userText: string,
  modelText: string,
  at: number,
  extra: Partial<HistoryExchange> = {},
): HistoryExchangeWrite {
  return {
    conversation: { id: conversationId, startedAt: at - seq * 1_000, continuedFrom: null },
    exchange: {
      seq,
      startedAt: at,
      endedAt: at + 500,
      modelId: 'gemini-test-live',
      userText,
      modelText,
      toolCalls: [],
      screenShared: false,
      interrupted: false,
      usage: null,
      ...extra,
    },
  }
}
