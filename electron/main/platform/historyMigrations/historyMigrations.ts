import type { HistoryMigration } from './historyMigration'
import { m001Initial } from './m001Initial'

/** Every schema step, oldest first; the last one's version is the newest schema this app knows. */
export const HISTORY_MIGRATIONS: readonly HistoryMigration[] = [m001Initial]

/** The schema version this app writes; a database with a higher `user_version` is opened read-only. */
export const HISTORY_SCHEMA_VERSION = HISTORY_MIGRATIONS.at(-1)!.version
