import { de } from './messages/de'
import { en, type Messages } from './messages/en'
import { es } from './messages/es'
import { ja } from './messages/ja'

/** The UI languages Sightline ships; anything else is shown in English. */
export const UI_LOCALES = ['en', 'de', 'es', 'ja'] as const
export type UiLocale = (typeof UI_LOCALES)[number]

/** The language setting: 'system' follows the OS locale, or one of {@link UI_LOCALES}. */
export const UI_LANGUAGE_SETTINGS = ['system', ...UI_LOCALES] as const
export type UiLanguageSetting = (typeof UI_LANGUAGE_SETTINGS)[number]

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

/**
 * The UI language for the language setting: the chosen one, or for 'system' the OS locale's
 * (`app.getLocale()` in main, `navigator.language` in a window), English when Sightline lacks it.
 */
export function uiLocaleOf(setting: UiLanguageSetting | undefined, osLocale: string | null | undefined): UiLocale {
  return setting && setting !== 'system' ? setting : resolveUiLocale(osLocale)
}

/**
 * The BCP-47 tag sent to Gemini as the input transcription hint (`languageCodes`) for a UI
 * language: each language's most spoken region (`de` → `de-DE`, `ja` → `ja-JP`).
 */
export const TRANSCRIPTION_LANGUAGE_CODE: Record<UiLocale, string> = { en: 'en-US', de: 'de-DE', es: 'es-ES', ja: 'ja-JP' }
