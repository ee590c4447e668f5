import type { Usage } from '../../../shared/ipcContract'

/** The token meter's figures, ready to show. */
export interface UsageSummary {
  total: number
  prompt: number
  response: number
  imageSpent: number
  imageIfEveryFrame: number
  /** Share of image tokens saved by sending only changed frames; null before any frame. */
  imageSavedShare: number | null
  byModality: { modality: string; tokens: number }[]
}

/** Turns a usage report into what the meter shows. */
export function summarizeUsage(usage: Usage | null): UsageSummary {
  if (!usage) {
    return { total: 0, prompt: 0, response: 0, imageSpent: 0, imageIfEveryFrame: 0, imageSavedShare: null, byModality: [] }
  }
  const every = usage.imageTokensIfEveryFrame
  return {
    total: usage.totalTokens,
    prompt: usage.promptTokens,
    response: usage.responseTokens,
    imageSpent: usage.imageTokensSpent,
    imageIfEveryFrame: every,
    imageSavedShare: every > 0 ? Math.max(0, 1 - usage.imageTokensSpent / every) : null,
    byModality: Object.entries(usage.byModality)
      .map(([modality, tokens]) => ({ modality: modality.toLowerCase(), tokens }))
      .sort((a, b) => b.tokens - a.tokens),
  }
}

/** 1234567 → "1.2M", 12345 → "12.3k", 2100 → "2.1k": compact enough for a meter. */
export function formatTokens(tokens: number): string {
  if (tokens >= 999_950) return `${(tokens / 1_000_000).toFixed(1)}M`
  if (tokens >= 1_000) return `${(tokens / 1_000).toFixed(1)}k`
  return String(Math.round(tokens))
}
