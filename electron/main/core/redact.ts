/**
 * Removes anything that could be the API key before text reaches a log, an event or an error
 * message. The SDK puts the key in the WebSocket URL's query (docs/protocol.md §1.1), so every
 * query string is dropped, and every string shaped like a Google key is masked.
 */
const GOOGLE_KEY = /AIza[0-9A-Za-z_-]{20,}/g
const QUERY = /([a-z]+:\/\/[^\s?#"']*)\?[^\s#"']*/gi
const KEY_PARAM = /\b(key|access_token|api_key|apiKey)=[^&\s"']+/g
/** Ephemeral token names (live-protocol.md §7): a live credential until it expires. */
const AUTH_TOKEN = /auth_tokens\/[\w-]+/g

/** Masks keys and URL queries in one string; `knownSecrets` are masked wherever they appear. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text.replace(QUERY, '$1?[redacted]').replace(KEY_PARAM, '$1=[redacted]').replace(GOOGLE_KEY, '[redacted-key]').replace(AUTH_TOKEN, 'auth_tokens/[redacted]')
  for (const secret of knownSecrets) {
    if (secret.length >= 6) out = out.split(secret).join('[redacted-key]')
  }
  return out
}

/** How deep an error's `cause` chain is followed into a log record. */
const MAX_CAUSES = 3

/**
 * An error as a log field: name, code, message, params and stack (the frames that say where it
 * happened), then its causes, all redacted. The one way main logs an error; logging
 * `String(error)` loses the stack and the code.
 */
export function loggableError(error: Error, knownSecrets: readonly string[] = [], depth = 0): Record<string, unknown> {
  const coded = error as Error & { code?: unknown; params?: unknown }
  const out: Record<string, unknown> = { name: error.name, message: redactSecrets(error.message, knownSecrets) }
  if (typeof coded.code === 'string' || typeof coded.code === 'number') out.code = coded.code
  if (coded.params !== undefined) out.params = redactFields(coded.params, knownSecrets, 1)
  if (error.stack) out.stack = redactSecrets(error.stack, knownSecrets)
  if (error.cause !== undefined && depth < MAX_CAUSES) {
    out.cause = error.cause instanceof Error ? loggableError(error.cause, knownSecrets, depth + 1) : redactFields(error.cause, knownSecrets, 1)
  }
  return out
}

/** Redacts every string inside a log record, however deep; errors keep their stack ({@link loggableError}). */
export function redactFields(value: unknown, knownSecrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) return loggableError(value, knownSecrets)
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`
  if (Array.isArray(value)) return value.map((v) => redactFields(v, knownSecrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = redactFields(v, knownSecrets, depth + 1)
  return out
}
