import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script with a JSDoc signature; no declaration file
import { suiteLabel } from '../../../scripts/suite-label.mjs'

const label = suiteLabel as (counts: { passed: number; failed: number; skipped: number }) => string

describe('the word npm test prints for a suite', () => {
  it('all skipped: a suite whose every test was skipped says skipped, not ok', () => {
    expect(label({ passed: 0, failed: 0, skipped: 1 })).toBe('skipped')
  })

  it('a suite with passes and some skips is ok; any failure is FAIL, skipped or not', () => {
    expect(label({ passed: 3, failed: 0, skipped: 2 })).toBe('ok')
    expect(label({ passed: 0, failed: 1, skipped: 4 })).toBe('FAIL')
    expect(label({ passed: 5, failed: 1, skipped: 0 })).toBe('FAIL')
  })
})
