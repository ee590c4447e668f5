import type { SettingsPatch } from '../../../shared/settings'
import { assertNever } from '../../../shared/assertNever'
import type { UiMessage } from '../../../shared/i18n/translate'

/** When a settings change takes effect. */
export type AppliesWhen = 'next-session' | 'next-resume' | 'now'

const NEXT_SESSION: ReadonlySet<string> = new Set(['model', 'responseModality'])
/** Handled in this window (audio devices, ducking) or by the OS (start at login): no session involved. */
const NOW: ReadonlySet<string> = new Set(['devices', 'startAtLogin', 'hotkey', 'historyRetention', 'privacy', 'uiLanguage'])

/**
 * When a patch applies. A Live session fixes its model and modality at setup, so those wait for
 * a new session; the rest of the session config is sent again when the session resumes.
 */
export function appliesWhen(patch: SettingsPatch): AppliesWhen {
  const keys = Object.keys(patch)
  if (keys.some((k) => NEXT_SESSION.has(k))) return 'next-session'
  if (keys.length > 0 && keys.every((k) => NOW.has(k))) return 'now'
  return 'next-resume'
}

/** The words the settings view shows after a change is saved (catalogue `settings.saved*`). */
export function appliesNote(when: AppliesWhen): UiMessage {
  switch (when) {
    case 'next-session':
      return { key: 'settings.savedNextSession' }
    case 'next-resume':
      return { key: 'settings.savedNextResume' }
    case 'now':
      return { key: 'settings.savedNow' }
    default:
      return assertNever(when, 'settings change timing')
  }
}
