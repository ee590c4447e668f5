/** `YYYY-MM-DD` of a time (ms since the epoch) in the machine's time zone: the day a History list groups by. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** `YYYY-MM-DD HH:MM` in the machine's time zone. */
export function localDateTime(ms: number): string {
  const d = new Date(ms)
  return `${localDay(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
