import type { DatabaseSync } from 'node:sqlite'

/**
 * One step of the history database's schema, Signal-style: one numbered file per step, run in
 * order inside a transaction; `PRAGMA user_version` records the last step applied.
 */
export interface HistoryMigration {
  version: number
  up(db: DatabaseSync): void
}
