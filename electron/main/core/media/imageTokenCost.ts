import type { Settings } from '../../../../shared/settings'

/**
 * What Gemini bills for one image or video frame, by `mediaResolution`. The cost is a fixed
 * number of tokens per frame, whatever the JPEG's size.
 *
 * Sources (Gemini API docs, ai.google.dev): "Video understanding → technical details" gives
 * 258 tokens per frame at the default media resolution and 66 at low; "Understand and count
 * tokens" gives 258 tokens for an image. The `GenerationConfig.mediaResolution` reference
 * describes low as 64 tokens and medium/high as 256 (high with zoomed reframing), i.e. the same
 * budgets without the 2 framing tokens. We use the billed figures (258/66) and treat medium and
 * high as the default budget, because the Live models' usage reports do not itemise it further.
 * If a model starts reporting different figures in `usageMetadata.promptTokensDetails`
 * (modality IMAGE/VIDEO), change this table, not the pipeline.
 */
export const IMAGE_TOKENS_PER_FRAME: Readonly<Record<Settings['mediaResolution'], number>> = {
  default: 258,
  medium: 258,
  high: 258,
  low: 66,
}

/** Tokens one frame costs at a media resolution. */
export function imageTokensPerFrame(mediaResolution: Settings['mediaResolution']): number {
  return IMAGE_TOKENS_PER_FRAME[mediaResolution]
}
