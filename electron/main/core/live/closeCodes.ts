import type { AppError } from '../../../../shared/ipcContract'
import { redactSecrets } from '../redact'

/**
 * Turns the Live server's close codes and reasons into errors a person can act on.
 * The server reports problems by closing the socket (live-protocol.md §5): 1007 bad key or
 * bad argument, 1008 model unavailable or call refused, 1011 quota, deadline or server fault.
 */
export type CloseKind =
  | 'badKey'
  | 'badArgument'
  | 'modelUnavailable'
  | 'refused'
  | 'quota'
  | 'deadline'
  | 'serverFault'
  | 'dropped'

/** What a close means for the session: whether trying again can help, and what to tell the user. */
export interface CloseVerdict {
  kind: CloseKind
  /** A reconnect (with the resumption handle) may succeed; otherwise the session ends with `error`. */
  isRetryable: boolean
  error: AppError
}

const KEY_PROBLEM = /api key|unregistered callers|access token|auth_tokens|permission denied|unauthenticated/i

/** Classifies one close (or a failed connect, code null) into a verdict with a user-facing error. */
export function classifyClose(code: number | null, rawReason: string): CloseVerdict {
  const reason = redactSecrets(rawReason).trim()
  const said = reason ? ` Gemini said: "${reason}"` : ''
  switch (code) {
    case 1007:
      if (KEY_PROBLEM.test(reason)) {
        return verdict('badKey', false, 'BAD_API_KEY', `Gemini did not accept the API key.${said}`, 'Check your API key in Settings.')
      }
      if (/location is not supported/i.test(reason)) {
        return verdict('badArgument', false, 'REGION_UNSUPPORTED', `The Live API is not available where you are.${said}`, 'Use Sightline from a supported region, or a network there.')
      }
      return verdict('badArgument', false, 'BAD_REQUEST', `Gemini refused a setting or a message.${said}`, 'Undo the last change in Settings or pick another model, then start again.')
    case 1008:
      if (/not found|not supported for bidiGenerateContent/i.test(reason)) {
        return verdict('modelUnavailable', false, 'MODEL_UNAVAILABLE', `The chosen model is not available to this key.${said}`, 'Pick another model in Settings.')
      }
      if (KEY_PROBLEM.test(reason)) {
        return verdict('badKey', false, 'BAD_API_KEY', `Gemini did not accept the API key.${said}`, 'Check your API key in Settings.')
      }
      return verdict('refused', true, 'REQUEST_REFUSED', `Gemini refused a request and closed the connection.${said}`, 'Try again; if it keeps happening, turn off local tools or pick another model.')
    case 1011:
      if (/quota|exhausted|billing|rate limit/i.test(reason)) {
        return verdict('quota', false, 'QUOTA_EXCEEDED', `Your Gemini quota is used up.${said}`, 'Check your plan and billing in Google AI Studio, or wait a while and start again.')
      }
      if (/deadline/i.test(reason)) {
        return verdict('deadline', true, 'CONNECTION_EXPIRED', `The connection reached its time limit.${said}`, null)
      }
      return verdict('serverFault', true, 'SERVER_ERROR', `Gemini had a problem on its side.${said}`, 'Wait a moment and start again if it does not come back by itself.')
    default:
      return verdict('dropped', true, 'CONNECTION_LOST', `The connection to Gemini was lost${code === null ? '' : ` (code ${code})`}.${said}`, 'Check your internet connection.')
  }
}

/** The error shown when reconnecting used up its budget. */
export function connectionLostError(detail: string): AppError {
  return { code: 'CONNECTION_LOST', message: `Could not reach Gemini: ${redactSecrets(detail)}`, action: 'Check your internet connection, then press Start again.' }
}

function verdict(kind: CloseKind, isRetryable: boolean, code: string, message: string, action: string | null): CloseVerdict {
  return { kind, isRetryable, error: { code, message, action } }
}
