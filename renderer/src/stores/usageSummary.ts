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
    byModality: perModality(usage.byModality),
  }
}

/**
 * Main's `byModality` keys are `prompt:<MODALITY>` and `response:<MODALITY>` (core usageMeter, from
 * the server's `promptTokensDetails`/`responseTokensDetails`); the meter already shows in and out,
 * so it sums each modality across both, lower-cased to match the catalogue's `controls.modality` words.
 */
function perModality(byModality: Record<string, number>): UsageSummary['byModality'] {
  const sums = new Map<string, number>()
  for (const [key, tokens] of Object.entries(byModality)) {
    const modality = key.slice(key.indexOf(':') + 1).toLowerCase()
    sums.set(modality, (sums.get(modality) ?? 0) + tokens)
  }
  return [...sums].map(([modality, tokens]) => ({ modality, tokens })).sort((a, b) => b.tokens - a.tokens)
}

/**
 * A token count, compact enough for a meter, in the UI language through `Intl.NumberFormat`:
 * en 12345 → "12.3K", de → "12.345", ja → "1.2万" (each language's own short form).
 */
export function formatTokens(tokens: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(Math.round(tokens))
}
