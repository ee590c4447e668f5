import type { AppSnapshot } from '../../../../shared/ipcContract'

/** One word for what Sightline is doing, for the tray icon, its tooltip. */
export type Activity = 'idle' | 'listening' | 'thinking' | 'speaking' | 'sharing' | 'error'

/** Derives the activity from the state; the first that applies wins: error, listening, speaking, thinking, sharing, idle. */
export function activityOf(state: AppSnapshot): Activity {
  const session = state.session.state
  if (session === 'error') return 'error'
  if (state.talk.isTalking) return 'listening'
  if (state.isSpeaking) return 'speaking'
  if (session === 'connecting' || session === 'reconnecting') return 'thinking'
  return state.share.isSharing ? 'sharing' : 'idle'
}

/**
 * What the tray says about the connection: only "reconnecting". Every GoAway rotation also
 * resumes, so "resumed" belongs to the window's status line, where it fades, not to the tray.
 */
export function connectionNoteOf(state: AppSnapshot): 'reconnecting' | null {
  return state.session.state === 'reconnecting' ? 'reconnecting' : null
}
