import { CodedError } from '../../../shared/codedError'

/** Why a push-to-talk binding could not be made. */
export type PushToTalkErrorCode =
  /** The accelerator string names a key or modifier we cannot map. */
  | 'HOTKEY_INVALID'
  /** The keyboard hook cannot run here (no X display, Wayland, no accessibility permission…). */
  | 'HOTKEY_HOOK_UNAVAILABLE'
  /** Another app already owns the shortcut. */
  | 'HOTKEY_TAKEN'

/** A typed push-to-talk failure; `message` is written for the user. */
export class PushToTalkError extends CodedError<PushToTalkErrorCode> {}
