import type { AppSnapshot, CallBarPhase, CallBarState } from '../../../../shared/ipcContract'

/** What the call bar needs beyond the snapshot: facts main keeps that no window shows on their own. */
export interface CallBarFacts {
  /** A question was asked (talk released, text typed) and no turn event has ended it yet. */
  isAwaitingAnswer: boolean
  /** Hands-free: the microphone stays open, so the model speaking outranks "listening". */
  isHandsFree: boolean
}

/**
 * The call bar's state from main's readable state: the first phase that applies wins, in the order
 * of {@link CallBarPhase}'s TSDoc (shared/ipcContract.ts `callBarPhaseSchema`). `paused` is a muted
 * microphone or a share the privacy gate holds back (`share.pause`, README "Privacy while sharing").
 */
export function callBarStateOf(state: Omit<AppSnapshot, 'callBar'>, facts: CallBarFacts): CallBarState {
  return { phase: phaseOf(state, facts), isMuted: state.isMuted }
}

function phaseOf(state: Omit<AppSnapshot, 'callBar'>, facts: CallBarFacts): CallBarPhase {
  const session = state.session.state
  if (session === 'idle' || session === 'closing' || session === 'error') return 'off'
  if (session === 'connecting') return 'connecting'
  if (session === 'reconnecting') return 'reconnecting'
  if (facts.isHandsFree && state.isSpeaking) return 'speaking'
  if (state.talk.isTalking) return 'listening'
  if (state.isSpeaking) return 'speaking'
  if (facts.isAwaitingAnswer) return 'thinking'
  if (state.isMuted || (state.share.isSharing && state.share.pause !== null)) return 'paused'
  if (state.share.isSharing) return 'looking'
  return 'ready'
}

/** True when two call bar states say the same. */
export function isSameCallBarState(a: CallBarState, b: CallBarState): boolean {
  return a.phase === b.phase && a.isMuted === b.isMuted
}
