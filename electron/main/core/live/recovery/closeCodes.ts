import type { AppError, ErrorParams } from '../../../../../shared/ipcContract'
import { redactSecrets } from '../../redact'

/**
 * What a close of the Live socket means, and so what the session does about it. The server
 * reports problems by closing the socket (docs/protocol.md §5; wire-samples u01–u04):
 * - `badKey`: the key was refused (1007, or 1008 for a missing identity): fatal, fix the key;
 * - `badArgument`: a setting or message was refused (1007): fatal, except once right after a rotation;
 * - `modelUnavailable`: the model is retired or not offered to this key (1008 "… is not found for
 *   API version …, or is not supported for bidiGenerateContent", 1007 "… is not supported in the
 *   live api" / "Non-existing model …"): the host's `onModelUnavailable` hook starts the
 *   retirement flow; without one the session ends in error;
 * - `resumeRefused`: the handle is unknown or expired: start fresh, seeded from memory;
 * - `refused`: a request was refused (1008 "The operation was aborted."): a fresh connection works;
 * - `quota`: fatal until the quota comes back;
 * - `rotation`: the connection reached its lifetime (1011 "Deadline expired…", 1008 after an
 *   ignored goAway, Vertex's 1000 "The operation was cancelled."): resume with the handle;
 * - `serverFault`, `dropped`: retry with backoff.
 */
export type CloseKind =
  | 'badKey'
  | 'badArgument'
  | 'modelUnavailable'
  | 'resumeRefused'
  | 'refused'
  | 'quota'
  | 'rotation'
  | 'serverFault'
  | 'dropped'

/**
 * What a close means for the session: whether trying again can help, and the error to show. The
 * error is a code with params (`reason`: what Gemini said, redacted; `closeCode` for a drop): the
 * edges word it from the catalogue (shared/i18n/describeError.ts); `message` is for the log.
 */
export interface CloseVerdict {
  kind: CloseKind
  /** A reconnect (with the resumption handle) may succeed; otherwise the session ends with `error`. */
  isRetryable: boolean
  error: AppError
}

const KEY_PROBLEM = /api key|unregistered callers|access token|auth_tokens|permission denied|unauthenticated/i
/** u04 and docs/protocol.md §0.1: 1008 reasons arrive cut at 123 bytes, so only their start is matched. */
const MODEL_GONE_1008 = /is not found for API version|not supported for bidiGenerateContent/i
const MODEL_GONE_1007 = /is not supported in the live api|non-existing model/i
/** u01: "Connection aborted because the client failed to close the connection after receiving a GoAway signal once the session durat". */
const GOAWAY_IGNORED = /after receiving a GoAway/i
/** u03: Vertex ends a connection at its ~10-minute lifetime with 1000 "The operation was cancelled." */
const LIFETIME_CANCELLED = /operation was cancel+ed/i
/** The fake server's refusal, and the wording reported for expired handles (the real one is unconfirmed: wire-samples README). */
const RESUME_REFUSED = /resumption|session handle|handle is invalid|handle has expired/i

/** Classifies one close (or a failed connect, code null) into a verdict with a coded error. */
export function classifyClose(code: number | null, rawReason: string): CloseVerdict {
  const reason = redactSecrets(rawReason).trim()
  const said = reason ? ` Gemini said: "${reason}"` : ''
  const params: ErrorParams = reason ? { reason } : {}
  const verdict = (kind: CloseKind, isRetryable: boolean, errorCode: string, message: string): CloseVerdict => ({
    kind,
    isRetryable,
    error: { code: errorCode, message, params },
  })
  const badKey = () => verdict('badKey', false, 'BAD_API_KEY', `Gemini did not accept the API key.${said}`)
  const modelGone = () =>
    verdict('modelUnavailable', false, 'MODEL_UNAVAILABLE', `The chosen model is not available to this key: Google may have retired it.${said}`)
  const lifetime = () => verdict('rotation', true, 'CONNECTION_EXPIRED', `The connection reached its time limit.${said}`)
  switch (code) {
    case 1000:
      return LIFETIME_CANCELLED.test(reason) ? lifetime() : dropped(code, said, params)
    case 1007:
      if (KEY_PROBLEM.test(reason)) return badKey()
      if (MODEL_GONE_1007.test(reason)) return modelGone()
      if (/location is not supported/i.test(reason)) {
        return verdict('badArgument', false, 'REGION_UNSUPPORTED', `The Live API is not available where you are.${said}`)
      }
      return verdict('badArgument', false, 'BAD_REQUEST', `Gemini refused a setting or a message.${said}`)
    case 1008:
      if (KEY_PROBLEM.test(reason)) return badKey()
      if (MODEL_GONE_1008.test(reason)) return modelGone()
      if (GOAWAY_IGNORED.test(reason)) return lifetime()
      if (RESUME_REFUSED.test(reason)) {
        return verdict('resumeRefused', true, 'RESUME_REFUSED', `Gemini could not resume the conversation.${said}`)
      }
      return verdict('refused', true, 'REQUEST_REFUSED', `Gemini refused a request and closed the connection.${said}`)
    case 1011:
      if (/quota|exhausted|billing|rate limit/i.test(reason)) {
        return verdict('quota', false, 'QUOTA_EXCEEDED', `Your Gemini quota is used up.${said}`)
      }
      if (/deadline/i.test(reason)) return lifetime()
      return verdict('serverFault', true, 'SERVER_ERROR', `Gemini had a problem on its side.${said}`)
    default:
      return dropped(code, said, params)
  }
}

/** The error shown when reconnecting used up its budget; `detail` (the last failure) goes to the log only. */
export function connectionLostError(detail: string): AppError {
  return { code: 'CONNECTION_LOST', message: `Could not reach Gemini: ${redactSecrets(detail)}` }
}

/**
 * The error shown when connections kept ending within seconds of setup until the retry budget
 * was spent (issue 13.1): what Gemini said, and what the user can do about it.
 */
export function unstableConnectionError(last: CloseVerdict): AppError {
  return {
    code: 'CONNECTION_UNSTABLE',
    message: `Gemini keeps closing the connection right after it opens. ${last.error.message}`,
    params: { ...last.error.params, cause: last.error.code },
  }
}

function dropped(code: number | null, said: string, params: ErrorParams): CloseVerdict {
  return {
    kind: 'dropped',
    isRetryable: true,
    error: {
      code: 'CONNECTION_LOST',
      message: `The connection to Gemini was lost${code === null ? '' : ` (code ${code})`}.${said}`,
      params: code === null ? params : { ...params, closeCode: code },
    },
  }
}
