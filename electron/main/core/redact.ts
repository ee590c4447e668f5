/**
 * Removes anything that could be the API key before text reaches a log, an event or an error
 * message. The SDK puts the key in the WebSocket URL's query (live-protocol.md §1.1), so every
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

/** Redacts every string inside a log record, however deep. */
export function redactFields(value: unknown, knownSecrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) return redactSecrets(`${value.name}: ${value.message}`, knownSecrets)
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`
  if (Array.isArray(value)) return value.map((v) => redactFields(v, knownSecrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = redactFields(v, knownSecrets, depth + 1)
  return out
}
