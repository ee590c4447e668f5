import { useI18n } from 'vue-i18n'
import { describeError, type DescribableError, type Wording } from '../../../shared/i18n/describeError'

/** describeError's wording over vue-i18n in the window's language (English for a key it lacks), its moments in that language too. */
export function useWording(): Wording {
  const { t, te, locale } = useI18n()
  return {
    t: (key, params) => t(key, params ?? {}),
    has: (key) => te(key) || te(key, 'en'),
    get locale() {
      return locale.value
    },
  }
}

/**
 * One error worded for a form's inline line (where the user just acted): the catalogue's message
 * and, when there is one, its action, in the window's language. Never the error's own English.
 */
export function useErrorWords(): (error: DescribableError) => string {
  const wording = useWording()
  return (error) => {
    const words = describeError(error, wording)
    return words.action ? `${words.message} ${words.action}` : words.message
  }
}
