import { describe, expect, it } from 'vitest'
import { classifyClose } from '../../../electron/main/core/live/closeCodes'

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
    [1011, 'Internal error encountered.', 'SERVER_ERROR', true, /Wait/],
    [1006, '', 'CONNECTION_LOST', true, /internet/],
    [null, 'connect ECONNREFUSED 127.0.0.1:9', 'CONNECTION_LOST', true, /internet/],
  ])('%s %s → %s', (code, reason, expected, isRetryable, action) => {
    const verdict = classifyClose(code, reason)
    expect(verdict.error.code).toBe(expected)
    expect(verdict.isRetryable).toBe(isRetryable)
    if (action) expect(verdict.error.action).toMatch(action)
    else expect(verdict.error.action).toBeNull()
  })

  it('never repeats a key that a reason happens to contain', () => {
    const key = ['AIza', 'Sy', 'A'.repeat(33)].join('')
    const verdict = classifyClose(1007, `API key not valid: ${key}`)
    expect(verdict.error.message).not.toContain(key)
  })
})
