import { watchEffect, type Ref } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import { CATALOGUE, resolveUiLocale, uiLocaleOf, type UiLanguageSetting } from '../../shared/i18n/catalogue'
import type { Translate, UiMessage } from '../../shared/i18n/translate'

/**
 * vue-i18n over the shared catalogue, in the OS language (`navigator.language`, which Electron
 * takes from the OS, as the harness's browser does); a language Sightline lacks shows English.
 * The language setting replaces it once settings load ({@link followLanguageSetting}).
 * Composition API only: no legacy `$t` globals.
 */
export function createUiI18n(language: string = navigator.language) {
  return createI18n({
    legacy: false,
    locale: resolveUiLocale(language),
    fallbackLocale: 'en',
    messages: CATALOGUE,
    missingWarn: false,
    fallbackWarn: false,
  })
}

/**
 * The component's vue-i18n as a plain {@link Translate} (for word-building functions shared with
 * main, such as `sessionLabel`), its locale, and `say` for a {@link UiMessage}.
 */
export function useTranslate(): { t: Translate; locale: Ref<string>; say: (message: UiMessage | null) => string | null } {
  const { t: vueT, locale } = useI18n()
  const t: Translate = (key, params) => vueT(key, params ?? {})
  return { t, locale, say: (message) => (message ? t(message.key, message.params) : null) }
}

/**
 * Keeps this window's language on the setting ('system' → the OS language), and the page's
 * `lang` with it, so a change in Settings applies at once in every window (each gets
 * `onSettingsChanged`). Call from a component's setup; `setting` is null until settings load.
 */
export function followLanguageSetting(setting: () => UiLanguageSetting | null | undefined): void {
  const { locale } = useI18n()
  watchEffect(() => {
    const next = uiLocaleOf(setting() ?? 'system', navigator.language)
    locale.value = next
    document.documentElement.lang = next
  })
}
