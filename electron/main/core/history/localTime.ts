/** `YYYY-MM-DD` of a time (ms since the epoch) in the machine's time zone: the day a History list groups by. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
