import { z } from 'zod'
import type { Translate } from './i18n/translate'

/**
 * A window the privacy gate names by the rule it matched rather than by its app: a title pattern
 * of the "pause for" list (`PRIVATE_WINDOW`, "a private browser window") or of the blur list
 * (`BLURRED_WINDOW`, "a window you chose to blur"). Worded from `notices.windowKind.<kind>`.
 */
export const WINDOW_KINDS = ['PRIVATE_WINDOW', 'BLURRED_WINDOW'] as const
export type WindowKind = (typeof WINDOW_KINDS)[number]

/**
 * The window a pause is about: its app name as the user wrote it in the rule ("1Password"), or
 * its kind when a title pattern matched.
 */
export const pausedWindowSchema = z.union([z.object({ window: z.string().max(200) }), z.object({ windowKind: z.enum(WINDOW_KINDS) })])
export type PausedWindow = z.infer<typeof pausedWindowSchema>

/**
 * Why the privacy gate holds every frame back, as a notice the edges word from the catalogue's
 * `notices.<code>` (ARCHITECTURE.md §5): an excluded window in front or on screen (params: the
 * window), a window to blur that cannot be placed, the shared screen or window gone, the window
 * list or a rule unreadable, or masking failed.
 */
export const sharePauseSchema = z.discriminatedUnion('code', [
  z.object({ code: z.enum(['SHARE_PAUSED_IN_FRONT', 'SHARE_PAUSED_ON_SCREEN', 'SHARE_PAUSED_BLUR_UNPLACED']), params: pausedWindowSchema }),
  z.object({
    code: z.enum(['SHARE_PAUSED_MASK_FAILED', 'SHARE_PAUSED_RULE_UNREADABLE', 'SHARE_PAUSED_WINDOWS_UNKNOWN', 'SHARE_PAUSED_WINDOW_MISSING', 'SHARE_PAUSED_SCREEN_MISSING']),
  }),
])
export type SharePause = z.infer<typeof sharePauseSchema>

/**
 * A pause in the UI language of `t`: `notices.<code>`, with `{window}` the app name or the words
 * for its kind (en "Sharing paused: a private browser window is in front", de "Freigabe
 * angehalten: 1Password ist im Vordergrund").
 */
export function sharePauseWords(pause: SharePause, t: Translate): string {
  if (!('params' in pause)) return t(`notices.${pause.code}`)
  const window = 'window' in pause.params ? pause.params.window : t(`notices.windowKind.${pause.params.windowKind}`)
  return t(`notices.${pause.code}`, { window })
}
