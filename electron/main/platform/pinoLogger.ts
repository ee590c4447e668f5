import pino from 'pino'
import type { Logger } from '../core/ports'
import { redactFields, redactSecrets } from '../core/redact'

/**
 * The production Logger: JSON lines through pino, to a file in the logs folder (or stderr).
 * Every message and field is redacted first; `knownSecrets` returns the key currently in use so
 * even a key that does not look like a Google key never reaches the file.
 */
export function createPinoLogger(options: { file?: string; level?: string; knownSecrets?: () => readonly string[] }): Logger {
  const destination = options.file ? pino.destination({ dest: options.file, mkdir: true, sync: false }) : pino.destination(2)
  const base = pino({ level: options.level ?? 'info', base: undefined }, destination)
  const secrets = options.knownSecrets ?? (() => [])
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    const known = secrets()
    base[level](fields ? (redactFields(fields, known) as object) : {}, redactSecrets(message, known))
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

/** A logger that drops everything, for places that must not log at all. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
