import type { ShareState } from './ipcContract'
import type { Translate } from './i18n/translate'
import { sharePauseWords } from './sharePause'

/**
 * The one line that says what is shared, for the window and the tray alike, in the UI language of
 * `t` (catalogue `share.sharing`): null when nothing is, why the privacy gate holds frames back
 * while it does ("Sharing paused: 1Password is in front", {@link sharePauseWords}), otherwise "Sharing Screen 2" /
 * "Sharing Window: Terminal" (de "Geteilt: Screen 2").
 */
export function shareStatusLine(state: Pick<ShareState, 'isSharing' | 'sourceName' | 'pause'>, t: Translate): string | null {
  if (!state.isSharing) return null
  if (state.pause) return sharePauseWords(state.pause, t)
  return t('share.sharing', { source: state.sourceName ?? t('share.yourScreen') })
}

/**
 * What the picker's source is called once shared, at most 200 characters: screens by their name
 * ("Screen 2"), windows as "Window: <title>" (catalogue `share.window`, in the UI language of the pick).
 */
export function shareSourceLabel(source: { kind: 'screen' | 'window'; name: string }, t: Translate): string {
  return (source.kind === 'window' ? t('share.window', { title: source.name }) : source.name).slice(0, 200)
}
