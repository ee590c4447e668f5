import { fchmodSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import pino from 'pino'
import type { Logger } from '../core/ports'
import { redactFields, redactSecrets } from '../core/redact'

/** Log files are readable by their owner only: they hold transcripts' metadata and paths (issue 19). */
const LOG_FILE_MODE = 0o600

/**
 * The production Logger: JSON lines through pino, to a file in the logs folder (or stderr).
 * Every message and field is redacted first; `knownSecrets` returns the key currently in use so
 * even a key that does not look like a Google key never reaches the file. The file is created
 * with mode 0600, and an existing file is narrowed to it.
 */
export function createPinoLogger(options: { file?: string; level?: string; knownSecrets?: () => readonly string[]; sync?: boolean }): Logger {
  const destination = options.file ? openLogFile(options.file, options.sync ?? false) : pino.destination(2)
  const base = pino({ level: options.level ?? 'info', base: undefined }, destination)
  const secrets = options.knownSecrets ?? (() => [])
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    const known = secrets()
    base[level](fields ? (redactFields(fields, known) as object) : {}, redactSecrets(message, known))
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

function openLogFile(file: string, sync: boolean): ReturnType<typeof pino.destination> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  // Opened here, not by pino, so the mode applies at creation; chmod covers a file an older version made.
  const fd = openSync(file, 'a', LOG_FILE_MODE)
  fchmodSync(fd, LOG_FILE_MODE)
  return pino.destination({ fd, sync })
}

/** A logger that drops everything, for places that must not log at all. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
