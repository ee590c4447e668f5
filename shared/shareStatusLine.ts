import type { ShareSource, ShareState } from './ipcContract'
import type { Translate } from './i18n/translate'
import { sharePauseWords } from './sharePause'

/**
 * The one line that says what is shared, for the window and the tray alike, in the UI language of
 * `t`: null when nothing is, why the privacy gate holds frames back while it does ("Sharing paused:
 * 1Password is in front", {@link sharePauseWords}), otherwise {@link shareSourceWords} under
 * `share.sharingSource` ("Sharing Screen 2", "Sharing the window “Terminal”", de "Ihr Bildschirm wird geteilt").
 */
export function shareStatusLine(state: Pick<ShareState, 'isSharing' | 'source' | 'pause'>, t: Translate): string | null {
  if (!state.isSharing) return null
  if (state.pause) return sharePauseWords(state.pause, t)
  return shareSourceWords(state.source, 'share.sharingSource', t)
}

/**
 * A share's source as one whole sentence of the catalogue section `base` (`share.sharingSource`,
 * `callBar.lookingAtSource`): a key per kind, and per kind with the system's name, so no language
 * has a noun composed into a sentence it does not agree with (de "Schaut auf Ihren Bildschirm").
 * An unknown source (null) reads as the screen.
 */
export function shareSourceWords(source: ShareSource | null, base: string, t: Translate): string {
  const kind = source?.kind ?? 'screen'
  if (kind !== 'tab' && source?.name) return t(`${base}.${kind}Named`, { name: source.name })
  return t(`${base}.${kind}`)
}

/** What the picker's source is, as main keeps it: its kind, and the system's name cut to the contract's 200 characters. */
export function shareSourceOf(source: { kind: 'screen' | 'window'; name: string }): ShareSource {
  return { kind: source.kind, name: source.name.slice(0, 200) || null }
}
