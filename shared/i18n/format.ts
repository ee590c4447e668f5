/**
 * Dates, times and numbers worded for the UI language with `Intl` (never the OS's own format, so a
 * German UI on an English system shows German dates). `locale` is a UI locale such as `de`.
 */

/** A calendar day `YYYY-MM-DD` as a long date with weekday: en "Monday, November 30, 2026", de "Montag, 30. November 2026". */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Intl.DateTimeFormat(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(y!, m! - 1, d!))
}

/** A time of day from epoch ms, short: en "3:05 PM", de "15:05", ja "15:05". */
export function formatTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(ms))
}

/** A moment from epoch ms, medium date and short time: en "Nov 30, 2026, 3:05 PM", de "30.11.2026, 15:05". */
export function formatDateTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms))
}

/** A whole count with the language's grouping: en 12,345, de 12.345, ja 12,345. */
export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count)
}

/** A share 0..1 as a whole percentage: en "42%", de "42 %". */
export function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share)
}
