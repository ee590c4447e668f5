import { assertNever } from '../../../shared/assertNever'
import type { SessionStatus } from '../../../shared/ipcContract'

/** How the state indicator looks: words, and a tone the styles colour. */
export interface SessionLabel {
  text: string
  tone: 'idle' | 'busy' | 'live' | 'listening' | 'speaking' | 'warning' | 'error'
  /** A second line: why, or what just happened. */
  detail: string | null
}

/** The state indicator for a session status, refined by what this window is doing with audio. */
export function sessionLabel(status: SessionStatus, activity: { isTalking: boolean; isSpeaking: boolean }): SessionLabel {
  const detail = status.detail
  switch (status.state) {
    case 'idle':
      return { text: 'Not connected', tone: 'idle', detail }
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy', detail }
    case 'reconnecting':
      return { text: 'Reconnecting…', tone: 'warning', detail: detail ?? 'The connection dropped; trying again.' }
    case 'closing':
      return { text: 'Closing…', tone: 'busy', detail }
    case 'error':
      // Why is in the error list, worded once there; the status line only says where to look.
      return { text: 'Needs attention', tone: 'error', detail: null }
    case 'live': {
      const resumed = status.resumed ? (detail ?? 'Resumed: the conversation was kept.') : detail
      if (activity.isTalking) return { text: 'Listening', tone: 'listening', detail: resumed }
      if (activity.isSpeaking) return { text: 'Speaking', tone: 'speaking', detail: resumed }
      return { text: status.resumed ? 'Live (resumed)' : 'Live', tone: 'live', detail: resumed }
    }
    default:
      return assertNever(status.state, 'session state')
  }
}
