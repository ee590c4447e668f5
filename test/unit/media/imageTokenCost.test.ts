import { describe, expect, it } from 'vitest'
import { imageTokensPerFrame } from '../../../electron/main/core/media/imageTokenCost'

describe('imageTokensPerFrame', () => {
  it('bills 258 tokens a frame at default, medium and high resolution, 66 at low', () => {
    expect(imageTokensPerFrame('default')).toBe(258)
    expect(imageTokensPerFrame('medium')).toBe(258)
    expect(imageTokensPerFrame('high')).toBe(258)
    expect(imageTokensPerFrame('low')).toBe(66)
  })
})
