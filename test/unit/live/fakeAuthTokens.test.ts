import { describe, expect, it } from 'vitest'
import { FakeAuthTokens, lockSetup } from '../../support/fakeLive/fakeAuthTokens'

const client = { model: 'models/gemini-3.1-flash-live-preview', generationConfig: { temperature: 1.5, responseModalities: ['TEXT'] }, tools: [{ googleSearch: {} }], sessionResumption: { handle: 'h1' } }
const locked = { model: 'models/gemini-3.8-live', generationConfig: { temperature: 0.2 } }

describe('the fake server\'s ephemeral tokens (live-protocol.md §7)', () => {
  it('with a field mask, forces exactly the listed fields (unset in the token means removed) and keeps the rest of the client\'s setup', () => {
    expect(lockSetup(client, locked, 'model,generationConfig.temperature,generationConfig.topK')).toEqual({
      model: 'models/gemini-3.8-live',
      generationConfig: { temperature: 0.2, responseModalities: ['TEXT'] },
      tools: [{ googleSearch: {} }],
      sessionResumption: { handle: 'h1' },
    })
  })

  it('without a field mask, every field is the token\'s, except the client\'s resumption handle', () => {
    expect(lockSetup(client, locked, null)).toEqual({ ...locked, sessionResumption: { handle: 'h1' } })
  })

  it('a token with no setup locks nothing', () => {
    expect(lockSetup(client, null, null)).toBe(client)
  })

  it('one use opens one new session; a resume does not spend a use but still needs an unexpired token', () => {
    let now = 1_000_000
    const tokens = new FakeAuthTokens(() => true, () => now)
    const minted = tokens.mint({ uses: 1 })
    if ('error' in minted) throw new Error(minted.error)
    expect(tokens.admit(minted.name, {})).toHaveProperty('setup')
    expect(tokens.admit(minted.name, {})).toEqual({ refusal: { code: 1008, reason: 'The auth token has expired or has no uses left.' } })
    expect(tokens.admit(minted.name, { sessionResumption: { handle: 'h1' } })).toHaveProperty('setup')
    now += 31 * 60_000
    expect(tokens.admit(minted.name, { sessionResumption: { handle: 'h1' } })).toHaveProperty('refusal')
  })

  it('refuses expiry times 20 hours or more ahead, as the API does', () => {
    const tokens = new FakeAuthTokens(() => true, () => 0)
    expect(tokens.mint({ expireTime: new Date(21 * 60 * 60_000).toISOString() })).toEqual({ error: 'expire_time must be less than 20 hours in the future.' })
  })
})
