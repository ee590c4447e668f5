import { describe, expect, it } from 'vitest'
import { formatTokens, summarizeUsage } from '../../../renderer/src/stores/usageSummary'

describe('the token meter', () => {
  it('shows zeros and no saving before any usage arrives', () => {
    expect(summarizeUsage(null)).toMatchObject({ total: 0, imageSavedShare: null })
  })

  it('shows image tokens spent against what every frame would have cost', () => {
    const summary = summarizeUsage({
      promptTokens: 900,
      responseTokens: 100,
      totalTokens: 1_000,
      byModality: { AUDIO: 300, IMAGE: 600, TEXT: 100 },
      imageTokensSpent: 600,
      imageTokensIfEveryFrame: 6_000,
    })
    expect(summary.imageSavedShare).toBeCloseTo(0.9)
    expect(summary.byModality.map((m) => m.modality)).toEqual(['image', 'audio', 'text'])
  })

  it('a wire key never reaches the screen raw: main\'s prompt:/response: keys become one modality word each, summed', () => {
    // The shape core's usageMeter sends (prompt:<MODALITY>, response:<MODALITY>); the meter used to show "prompt:text 100".
    const summary = summarizeUsage({
      promptTokens: 400,
      responseTokens: 25,
      totalTokens: 425,
      byModality: { 'prompt:TEXT': 100, 'prompt:AUDIO': 300, 'response:AUDIO': 25 },
      imageTokensSpent: 0,
      imageTokensIfEveryFrame: 0,
    })
    expect(summary.byModality).toEqual([
      { modality: 'audio', tokens: 325 },
      { modality: 'text', tokens: 100 },
    ])
  })

  it('writes large counts compactly, in English by default', () => {
    expect(formatTokens(950)).toBe('950')
    expect(formatTokens(2_100)).toBe('2.1K')
    expect(formatTokens(12_345)).toBe('12.3K')
    expect(formatTokens(999_999)).toBe('1M')
    expect(formatTokens(2_500_000)).toBe('2.5M')
  })

  it('token counts follow the UI language through Intl', () => {
    expect(formatTokens(12_345, 'de')).toBe('12.345')
    expect(formatTokens(2_500_000, 'de')).toBe('2,5\u00a0Mio.')
    expect(formatTokens(12_345, 'ja')).toBe('1.2万')
    expect(formatTokens(12_345, 'es')).toBe('12,3\u00a0mil')
  })
})
