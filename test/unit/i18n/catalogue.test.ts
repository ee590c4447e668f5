import { describe, expect, it } from 'vitest'
import { CATALOGUE, resolveUiLocale, UI_LOCALES, type UiLanguageSetting } from '../../../shared/i18n/catalogue'

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

describe('main-process words from the same catalogue', () => {
  it('the main translator fills placeholders exactly as vue-i18n does, for every message in every language', async () => {
    const { createI18n } = await import('vue-i18n')
    const i18n = createI18n({ legacy: false, locale: 'en', messages: CATALOGUE, missingWarn: false, fallbackWarn: false })
    const { translatorFor } = await import('../../../shared/i18n/translate')
    for (const locale of UI_LOCALES) {
      i18n.global.locale.value = locale
      const t = translatorFor(locale)
      for (const [key, names] of leaves(CATALOGUE.en)) {
        const params = Object.fromEntries(names.map((name) => [name, `<${name}>`]))
        expect({ locale, key, text: t(key, params) }).toEqual({ locale, key, text: i18n.global.t(key, params) })
      }
    }
  })

  it('the tray in German: its menu and tooltip come from the catalogue, and every activity has a tooltip', async () => {
    const { translatorFor } = await import('../../../shared/i18n/translate')
    const { trayMenuModel } = await import('../../../electron/main/platform/trayMenuModel')
    const t = translatorFor('de')
    const view = { activity: 'listening' as const, connectionNote: null, isHandsFree: false, isMuted: false, isSharing: false, updateReady: '1.2.3', shareNote: null }
    const model = trayMenuModel(view, t)
    expect(model.tooltip).toBe('Sightline: hört zu')
    expect(model.items.flatMap((item) => ('label' in item ? [item.label] : []))).toEqual([
      'Sprechen beenden', 'Bildschirm teilen und fragen', 'Jetzt ansehen', 'Freihändig', 'Stumm',
      'Sightline öffnen', 'Verlauf…', 'Einstellungen…', 'Neu starten zum Aktualisieren (1.2.3)', 'Sightline beenden',
    ])
    for (const activity of ['idle', 'listening', 'thinking', 'speaking', 'sharing', 'error'] as const) {
      expect(trayMenuModel({ ...view, activity }, t).tooltip).toMatch(/^Sightline/)
    }
  })

  it('a key missing everywhere throws, naming it (never shows a raw key to the user silently)', async () => {
    const { translatorFor } = await import('../../../shared/i18n/translate')
    expect(() => translatorFor('ja')('tray.nope')).toThrow('no message "tray.nope" in the catalogue')
  })
})

describe('the language setting', () => {
  it('unknown locale: "system" on an OS language Sightline lacks is English; a chosen language wins over the OS', async () => {
    const { uiLocaleOf } = await import('../../../shared/i18n/catalogue')
    expect(uiLocaleOf('system', 'fr-FR')).toBe('en')
    expect(uiLocaleOf('system', undefined)).toBe('en')
    expect(uiLocaleOf('system', 'ja-JP')).toBe('ja')
    expect(uiLocaleOf('de', 'ja-JP')).toBe('de')
  })

  it("main's words follow a changed setting at the next look-up (the tray is rebuilt on the change)", async () => {
    const { uiTranslator } = await import('../../../electron/main/core/uiLanguage')
    const settings = { value: { uiLanguage: 'system' as UiLanguageSetting }, get() { return this.value } }
    const words = uiTranslator(settings, 'es-MX')
    expect(words()('tray.quit')).toBe('Salir de Sightline')
    settings.value = { uiLanguage: 'ja' }
    expect(words()('tray.quit')).toBe('Sightline を終了')
    settings.value = { uiLanguage: 'system' }
    expect(uiTranslator(settings, 'xx')()('tray.quit')).toBe('Quit Sightline')
  })

  it('plural forms come from Intl.PluralRules in the UI language; both forms exist in every language', async () => {
    const { pluralKey, translatorFor } = await import('../../../shared/i18n/translate')
    expect(translatorFor('en')(pluralKey('en', 'history.exchanges', 1), { count: 1 })).toBe('1 exchange')
    expect(translatorFor('en')(pluralKey('en', 'history.exchanges', 2), { count: 2 })).toBe('2 exchanges')
    expect(translatorFor('es')(pluralKey('es', 'history.exchanges', 1), { count: 1 })).toBe('1 intercambio')
    expect(pluralKey('ja', 'history.exchanges', 1)).toBe('history.exchanges.other')
  })

  it('dates and numbers in the UI language, not the OS format', async () => {
    const { formatCount, formatDay, formatPercent } = await import('../../../shared/i18n/format')
    expect(formatDay('2026-11-30', 'de')).toBe('Montag, 30. November 2026')
    expect(formatDay('2026-11-30', 'en')).toBe('Monday, November 30, 2026')
    expect(formatDay('2026-11-30', 'ja')).toBe('2026年11月30日月曜日')
    expect(formatCount(12345, 'de')).toBe('12.345')
    expect(formatCount(12345, 'en')).toBe('12,345')
    expect(formatPercent(0.42, 'de')).toBe('42\u00a0%')
  })
})
