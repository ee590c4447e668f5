import type { ErrorParams } from './ipcContract'

/** An error as the user reads it. */
export interface ErrorWords {
  message: string
  action: string | null
}

/** What an edge needs to word an error: any AppError, IpcError or CodedError fits. */
export interface DescribableError {
  code: string
  message: string
  params?: ErrorParams
  action?: string | null
}

type Template = (params: ErrorParams) => ErrorWords

const text = (value: string | number | undefined, fallback: string): string => (value === undefined ? fallback : String(value))

/**
 * The one table from error codes to words, in English. Core raises codes and parameters; the
 * renderer, the tray and dialogs word them here. i18n replaces this table with message files
 * (`shared/i18n/messages/`, see docs/architecture.md "Errors"); codes it lacks fall back to the
 * error's own English `message` and `action`.
 */
export const ERROR_MESSAGES: Readonly<Record<string, Template>> = {
  MUTED: () => ({ message: 'The microphone is muted.', action: 'Unmute from the tray menu.' }),
  SESSION_NOT_LIVE: () => ({ message: 'Could not start a session.', action: 'Check the status line, then try again.' }),
  NO_API_KEY: () => ({ message: 'No Gemini API key is set.', action: 'Add your Gemini API key in Settings.' }),
  TALK_FAILED: () => ({ message: 'Could not start talking.', action: null }),
  SHARE_HOTKEY_UNAVAILABLE: (p) => ({
    message: p.reason === 'HOTKEY_TAKEN'
      ? `The shortcut ${text(p.hotkey, 'you picked')} for Share screen and ask is already used by another app.`
      : `The shortcut ${text(p.hotkey, 'you picked')} for Share screen and ask could not be registered.`,
    action: 'Pick another shortcut for Share screen and ask in Settings.',
  }),
  MIC_PERMISSION_DENIED: () => ({ message: 'Sightline may not use the microphone.', action: 'Allow Sightline to use the microphone in your system settings, then press Talk again.' }),
  MIC_NOT_FOUND: () => ({ message: 'No microphone was found.', action: 'Connect a microphone or pick another one in Settings.' }),
  MIC_IN_USE: () => ({ message: 'Another app is using the microphone.', action: 'Close the other app using the microphone, then press Talk again.' }),
  OUTPUT_DEVICE_FAILED: () => ({ message: 'The speaker could not be switched.', action: 'Pick another speaker in Settings.' }),
  PLAYBACK_BLOCKED: () => ({ message: 'The answer could not play.', action: 'Click anywhere in the window to let Sightline play sound.' }),
  BRIDGE_FAILED: () => ({ message: 'The window lost its connection to Sightline.', action: 'Close and reopen the window.' }),
}

/** Default action for audio failures the table words only by their message. */
const AUDIO_ACTION = 'Check your microphone and speaker, then try again.'

/**
 * Words for an error: the table's template when it knows the code, else the error's own message
 * and action (audio codes without one get the generic audio action).
 */
export function describeError(error: DescribableError): ErrorWords {
  const template = Object.hasOwn(ERROR_MESSAGES, error.code) ? ERROR_MESSAGES[error.code] : undefined
  if (template) return template(error.params ?? {})
  const isAudio = error.code.startsWith('MIC_') || error.code === 'WORKLET_LOAD_FAILED' || error.code === 'AUDIO_FAILED'
  return { message: error.message, action: error.action ?? (isAudio ? AUDIO_ACTION : null) }
}
