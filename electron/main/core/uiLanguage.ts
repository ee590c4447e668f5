import { uiLocaleOf, type UiLocale } from '../../../shared/i18n/catalogue'
import { translatorFor, type Translate } from '../../../shared/i18n/translate'
import type { Settings } from '../../../shared/settings'

/**
 * Main's words (tray, notifications, dialogs) in the UI language the settings choose: the
 * `uiLanguage` setting, or for 'system' the OS locale (`app.getLocale()`, passed in as `osLocale`);
 * a language Sightline lacks is English. Returns a getter, so a changed setting applies to the next
 * words asked for; re-render what is already shown on `settings.onChange`.
 */
export function uiTranslator(settings: { get(): Pick<Settings, 'uiLanguage'> }, osLocale: string): () => Translate {
  const byLocale = new Map<UiLocale, Translate>()
  return () => {
    const locale = uiLocaleOf(settings.get().uiLanguage, osLocale)
    let t = byLocale.get(locale)
    if (!t) byLocale.set(locale, (t = translatorFor(locale)))
    return t
  }
}
