import { describe, expect, it } from 'vitest'
import { ReconnectPolicy } from '../../../electron/main/core/live/recovery/reconnectPolicy'

describe('reconnect backoff', () => {
  const options = { firstDelayMs: 500, maxDelayMs: 8_000, budgetMs: 30_000 }

  it('tries once at once, then backs off exponentially with jitter between half and all of the step', () => {
    const low = new ReconnectPolicy(options, () => 0)
    const high = new ReconnectPolicy(options, () => 1)
    low.begin(0)
    high.begin(0)
    const lows = Array.from({ length: 7 }, () => low.nextDelay(0))
    const highs = Array.from({ length: 7 }, () => high.nextDelay(0))
    expect(lows).toEqual([0, 250, 500, 1000, 2000, 4000, 4000])
    expect(highs).toEqual([0, 500, 1000, 2000, 4000, 8000, 8000])
  })

  it('gives up when the next try would land past the budget', () => {
    const policy = new ReconnectPolicy(options, () => 1)
    policy.begin(1_000)
    expect(policy.nextDelay(1_000)).toBe(0)
    expect(policy.nextDelay(29_000)).toBe(500)
    expect(policy.nextDelay(30_600)).toBeNull()
  })

  it('starts a fresh series on begin', () => {
    const policy = new ReconnectPolicy(options, () => 0.5)
    policy.begin(0)
    policy.nextDelay(0)
    policy.nextDelay(0)
    policy.begin(100_000)
    expect(policy.nextDelay(100_000)).toBe(0)
    expect(policy.attempts).toBe(1)
  })
})
