/**
 * What a typed credential (a Gemini API key, a token service access code) may look like: 8–256
 * printable ASCII characters, no spaces or control characters (the IPC contract's `key:set` and
 * `managed:set` requests; the token service's ACCESS_CODE_PATTERN, shared/tokenServiceWire.ts).
 * The forms check it before sending, so a key pasted with a space or a zero-width character inside
 * gets words about the key, not the router's "request it could not read".
 */
export const CREDENTIAL_CHARACTERS = /^[\x21-\x7e]+$/
export const CREDENTIAL_MIN_LENGTH = 8
export const CREDENTIAL_MAX_LENGTH = 256

/** Null when `text` (already trimmed) has a credential's shape; otherwise the catalogue error code to show. */
export function credentialShapeError(text: string, kind: 'key' | 'accessCode'): 'KEY_MALFORMED' | 'ACCESS_CODE_MALFORMED' | null {
  const isWellFormed = text.length >= CREDENTIAL_MIN_LENGTH && text.length <= CREDENTIAL_MAX_LENGTH && CREDENTIAL_CHARACTERS.test(text)
  if (isWellFormed) return null
  return kind === 'key' ? 'KEY_MALFORMED' : 'ACCESS_CODE_MALFORMED'
}
