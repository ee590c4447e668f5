import { CATALOGUE, type UiLocale } from './catalogue'
import type { Wording } from './describeError'

/** Words to show, as a catalogue key and its parameters, so the view words them in its current language. */
export interface UiMessage {
  key: string
  params?: Record<string, string | number>
}

/**
 * The key for `count` of something: `base.one` or `base.other`, chosen by `Intl.PluralRules` for
 * the UI language (Japanese has one form only, so always `other`; the catalogue has both keys).
 */
export function pluralKey(locale: string, base: string, count: number): string {
  return `${base}.${new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'}`
}

/** Looks up a dotted key (`tray.quit`) and fills its `{name}` placeholders. */
export type Translate = (key: string, params?: Record<string, string | number>) => string

/**
 * The catalogue for main-process words (tray, notifications, errors), where vue-i18n does not run.
 * Messages use only named placeholders, which this fills exactly as vue-i18n does (the catalogue
 * test renders every message both ways). A key missing in `locale` falls back to English; a key
 * missing in English throws, naming it.
 */
export function translatorFor(locale: UiLocale): Translate {
  return (key, params = {}) => {
    const message = lookup(CATALOGUE[locale], key) ?? lookup(CATALOGUE.en, key)
    if (message === undefined) throw new Error(`no message "${key}" in the catalogue`)
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  }
}

function lookup(messages: object, key: string): string | undefined {
  const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages)
  return typeof found === 'string' ? found : undefined
}

/**
 * describeError's wording over a translator from {@link translatorFor}: a key exists when the
 * translator finds it (in its language or English); it throws only for a key missing everywhere.
 * `locale` is the translator's language, for moments (English when not given).
 */
export function wordingOf(t: Translate, locale?: string): Wording {
  return {
    t,
    ...(locale && { locale }),
    has: (key) => {
      try {
        t(key)
        return true
      } catch {
        return false
      }
    },
  }
}

/** A translator and a key check for `locale`, as describeError needs (main's tray and notifications). */
export function wordingFor(locale: UiLocale): Wording {
  return { t: translatorFor(locale), has: (key) => lookup(CATALOGUE[locale], key) !== undefined || lookup(CATALOGUE.en, key) !== undefined, locale }
}
