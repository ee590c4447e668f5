import { describe, expect, it } from 'vitest'
import { CATALOGUE, resolveUiLocale, UI_LOCALES } from '../../../shared/i18n/catalogue'

/** Every leaf key as a dotted path, with the placeholders its message uses. */
function leaves(messages: object, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort())
    else for (const [inner, names] of leaves(value as object, path)) out.set(inner, names)
  }
  return out
}

describe('the message catalogue', () => {
  const english = leaves(CATALOGUE.en)

  for (const locale of UI_LOCALES.filter((l) => l !== 'en')) {
    it(`missing key: ${locale} has exactly the English keys, each with the same placeholders and some text`, () => {
      const other = leaves(CATALOGUE[locale])
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort())
      for (const [key, names] of english) expect({ key, names: other.get(key) }).toEqual({ key, names })
      for (const [key] of other) expect(getText(CATALOGUE[locale], key).trim(), key).not.toBe('')
    })
  }

  it('a missing key is caught: removing one from a copy of German makes the key sets differ', () => {
    const german = structuredClone(CATALOGUE.de) as { conversation: Record<string, string> }
    delete german.conversation.settings
    expect([...leaves(german).keys()].sort()).not.toEqual([...english.keys()].sort())
  })
})

describe('the UI language from the OS locale', () => {
  it('unknown locale: falls back to English', () => {
    expect(resolveUiLocale('xx-YY')).toBe('en')
    expect(resolveUiLocale('')).toBe('en')
    expect(resolveUiLocale('C')).toBe('en')
    expect(resolveUiLocale(undefined)).toBe('en')
  })

  it('a region or script variant takes its language', () => {
    expect(resolveUiLocale('de-AT')).toBe('de')
    expect(resolveUiLocale('ja')).toBe('ja')
    expect(resolveUiLocale('es_419')).toBe('es')
    expect(resolveUiLocale('EN-gb')).toBe('en')
  })
})

function getText(messages: object, path: string): string {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string
}
