import { assertNever } from '../../../shared/assertNever'
import type { SessionStatus } from '../../../shared/ipcContract'
import { describeNotices } from '../../../shared/i18n/describeError'
import { wordingOf, type Translate } from '../../../shared/i18n/translate'

/** How the state indicator looks: words, and a tone the styles colour. */
export interface SessionLabel {
  text: string
  tone: 'idle' | 'busy' | 'live' | 'listening' | 'speaking' | 'warning' | 'error'
  /** A second line: why, or what just happened. */
  detail: string | null
}

/**
 * The state indicator for a session status, refined by what this window is doing with audio, in the
 * UI language of `t` (catalogue `status.*`). `status.detail` is main's notices (code + params),
 * worded from the catalogue in the same language, `locale` (English when not given) formatting their moments.
 * `isErrorShown` is false once the error list is empty (the user dismissed the error): "Needs attention" would then point at nothing.
 */
export function sessionLabel(
  status: SessionStatus,
  activity: { isTalking: boolean; isSpeaking: boolean; isErrorShown?: boolean },
  t: Translate,
  locale?: string,
): SessionLabel {
  const detail = describeNotices(status.detail, wordingOf(t, locale))
  switch (status.state) {
    case 'idle':
      return { text: t('status.idle'), tone: 'idle', detail }
    case 'connecting':
      return { text: t('status.connecting'), tone: 'busy', detail }
    case 'reconnecting':
      return { text: t('status.reconnecting'), tone: 'warning', detail: detail ?? t('status.connectionDropped') }
    case 'closing':
      return { text: t('status.closing'), tone: 'busy', detail }
    case 'error':
      // Why is in the error list, worded once there; the status line only says where to look, while there is something to see.
      if (activity.isErrorShown === false) return { text: t('status.idle'), tone: 'idle', detail: null }
      return { text: t('status.needsAttention'), tone: 'error', detail: null }
    case 'live': {
      const resumed = status.resumed ? (detail ?? t('status.resumedKept')) : detail
      if (activity.isTalking) return { text: t('status.listening'), tone: 'listening', detail: resumed }
      if (activity.isSpeaking) return { text: t('status.speaking'), tone: 'speaking', detail: resumed }
      return { text: status.resumed ? t('status.liveResumed') : t('status.live'), tone: 'live', detail: resumed }
    }
    default:
      return assertNever(status.state, 'session state')
  }
}
