import type { ShareState } from './ipcContract'

/**
 * The one line that says what is shared, for the window and the tray alike: null when nothing
 * is, the pause message while the privacy gate holds frames back ("Sharing paused: 1Password is
 * in front"), otherwise "Sharing Screen 2" / "Sharing Window: Terminal".
 */
export function shareStatusLine(state: Pick<ShareState, 'isSharing' | 'sourceName' | 'pauseMessage'>): string | null {
  if (!state.isSharing) return null
  if (state.pauseMessage) return state.pauseMessage
  return `Sharing ${state.sourceName ?? 'your screen'}`
}

/** What the picker's source is called once shared: screens by their name ("Screen 2"), windows as "Window: <title>". */
export function shareSourceLabel(source: { kind: 'screen' | 'window'; name: string }): string {
  return (source.kind === 'window' ? `Window: ${source.name}` : source.name).slice(0, 200)
}
