import { createI18n } from 'vue-i18n'
import { CATALOGUE, resolveUiLocale } from '../../shared/i18n/catalogue'

/**
 * vue-i18n over the shared catalogue, in the OS language (`navigator.language`, which Electron
 * takes from the OS, as the harness's browser does); a language Sightline lacks shows English.
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
