/**
 * Parses a protobuf JSON Duration such as `"50s"` or `"1.5s"` (the form of `goAway.timeLeft`)
 * into milliseconds; null when it is missing or malformed.
 */
export function parseDurationMs(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const match = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim())
  if (!match) return null
  const ms = Number(match[1]) * 1000
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) : null
}
