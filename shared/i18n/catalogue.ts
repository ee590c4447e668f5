import { de } from './messages/de'
import { en, type Messages } from './messages/en'
import { es } from './messages/es'
import { ja } from './messages/ja'

/** The UI languages Sightline ships; anything else is shown in English. */
export const UI_LOCALES = ['en', 'de', 'es', 'ja'] as const
export type UiLocale = (typeof UI_LOCALES)[number]

/** Every language's messages, keyed by locale (shared by the renderer and main). */
export const CATALOGUE: Record<UiLocale, Messages> = { en, de, es, ja }

/**
 * The UI language for a BCP-47 tag from the OS (`app.getLocale()`, `navigator.language`):
 * its primary subtag when Sightline has it (`de-AT` → `de`), else English (`xx`, ``, `C` → `en`).
 */
export function resolveUiLocale(tag: string | null | undefined): UiLocale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return (UI_LOCALES as readonly string[]).includes(primary) ? (primary as UiLocale) : 'en'
}
