import { UI_LOCALES, type UiLocale } from './i18n/catalogue'
import type { OverlayRect } from './overlayMarker'

/**
 * What main hands an overlay page (the pointer page, the region picker) in its URL fragment, so
 * the page needs no bridge method to read it: the UI language its words are in, and for the
 * picker the region already shared (display CSS px), which the user may move.
 */
export interface OverlayPageParams {
  locale: UiLocale
  region: OverlayRect | null
}

/** `#lang=de`, or `#lang=de&region=100,200,900,600` (whole CSS px) when a region is given. */
export function overlayFragment(params: { locale: UiLocale; region?: OverlayRect | null }): string {
  const region = params.region ? `&region=${[params.region.x, params.region.y, params.region.width, params.region.height].map((n) => Math.round(n)).join(',')}` : ''
  return `#lang=${params.locale}${region}`
}

/**
 * What an overlay page's URL fragment says. A language Sightline lacks (or none) is English; the
 * region is null unless it is four whole numbers 0–100 000, so the page never shows a made-up one.
 */
export function parseOverlayFragment(fragment: string): OverlayPageParams {
  const params = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : '')
  const lang = params.get('lang')
  const locale = UI_LOCALES.find((l) => l === lang) ?? 'en'
  return { locale, region: parseRegion(params.get('region')) }
}

function parseRegion(value: string | null): OverlayRect | null {
  const match = value === null ? null : /^(\d{1,6}),(\d{1,6}),(\d{1,6}),(\d{1,6})$/.exec(value)
  if (!match) return null
  const [x, y, width, height] = match.slice(1).map(Number) as [number, number, number, number]
  return [x, y, width, height].every((n) => n <= 100_000) ? { x, y, width, height } : null
}
