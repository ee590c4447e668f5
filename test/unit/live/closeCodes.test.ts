import { describe, expect, it } from 'vitest'
import { classifyClose } from '../../../electron/main/core/live/recovery/closeCodes'
import { errorWords } from '../../support/live/statusWords'

describe('close codes become something a person can act on', () => {
  it.each([
    [1007, 'API key not valid. Please pass a valid API key.', 'BAD_API_KEY', false, /API key in Settings/],
    [1007, 'API key expired. Please renew the API key.', 'BAD_API_KEY', false, /API key in Settings/],
    [1007, 'Invalid JSON payload received. Unknown name "proactivity" at \'setup\': Cannot find field.', 'BAD_REQUEST', false, /Settings/],
    [1007, 'User location is not supported for the API use.', 'REGION_UNSUPPORTED', false, /region/],
    [1008, 'models/x is not found for API version v1beta, or is not supported for bidiGenerateContent', 'MODEL_UNAVAILABLE', false, /another model/],
    [1008, 'The operation was aborted.', 'REQUEST_REFUSED', true, /Try again/],
    [1011, 'You exceeded your current quota, please check your plan and billing details.', 'QUOTA_EXCEEDED', false, /billing/],
    [1011, 'Resource has been exhausted (e.g. check quota).', 'QUOTA_EXCEEDED', false, /billing/],
    [1011, 'Deadline expired before operation could complete.', 'CONNECTION_EXPIRED', true, null],
    [1008, 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.', 'BAD_API_KEY', false, /API key in Settings/],
    [1007, 'API Key not found. Please pass a valid API key.', 'BAD_API_KEY', false, /API key in Settings/],
    [1011, 'Internal error encountered.', 'SERVER_ERROR', true, /Wait/],
    [1006, '', 'CONNECTION_LOST', true, /internet/],
    [null, 'connect ECONNREFUSED 127.0.0.1:9', 'CONNECTION_LOST', true, /internet/],
  ])('%s %s → %s', (code, reason, expected, isRetryable, action) => {
    const verdict = classifyClose(code, reason)
    expect(verdict.error.code).toBe(expected)
    expect(verdict.isRetryable).toBe(isRetryable)
    // What to do is the catalogue's words for the code (the user reads those, never core's English).
    if (action) expect(errorWords(verdict.error).action).toMatch(action)
    else expect(errorWords(verdict.error).action).toBeNull()
  })

  // wire-samples u01, u03, u04: what the real server says, and what the session does about it.
  it.each([
    ['u01: 1008 after an ignored goAway (reason cut at 123 bytes) → rotate', 1008, 'Connection aborted because the client failed to close the connection after receiving a GoAway signal once the session durat', 'rotation'],
    ['u03: Vertex 1000 "The operation was cancelled." → rotate', 1000, 'The operation was cancelled.', 'rotation'],
    ['1011 "Deadline expired" → rotate', 1011, 'Deadline expired before operation could complete.', 'rotation'],
    ['u04: 1008 model not found (cut mid-word) → model unavailable', 1008, 'models/gemini-2.0-flash-live-001 is not found for API version v1alpha, or is not supported for bidiGenerateContent. Call Li', 'modelUnavailable'],
    ['u04: 1007 "not supported in the live api" → model unavailable', 1007, 'gemini-2.0-flash-exp is not supported in the live api.', 'modelUnavailable'],
    ['u04: 1007 "Non-existing model" → model unavailable', 1007, 'Non-existing model: \'gemini-2.5-flash-preview-dialog\' from Model Management Protoconf.', 'modelUnavailable'],
    ['u04: 1007 "API Key not found" is the key, not the model', 1007, 'API Key not found. Please pass a valid API key.', 'badKey'],
    ['u04: 1007 "API key expired" → bad key', 1007, 'API key expired. Please renew the API key.', 'badKey'],
    ['u04: 1007 TEXT on 3.1 is a bad argument, not a missing model', 1007, 'The requested combination of response modalities (TEXT) is not supported by the model. models/gemini-3.1-flash-live-preview', 'badArgument'],
    ['u02: 1008 "The operation was aborted." → refused, retry', 1008, 'The operation was aborted.', 'refused'],
    ['1008 refused resume handle → start fresh', 1008, 'Session resumption handle is invalid or has expired.', 'resumeRefused'],
    ['1000 without a lifetime reason → dropped', 1000, '', 'dropped'],
  ])('%s', (_name, code, reason, kind) => {
    expect(classifyClose(code, reason).kind).toBe(kind)
  })

  it('never repeats a key that a reason happens to contain', () => {
    const key = ['AIza', 'Sy', 'A'.repeat(33)].join('')
    const verdict = classifyClose(1007, `API key not valid: ${key}`)
    expect(verdict.error.message).not.toContain(key)
  })
})
