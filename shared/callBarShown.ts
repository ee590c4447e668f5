import type { CallBarState } from './ipcContract'

/**
 * The call bar is on screen while a session is live (connecting and reconnecting included),
 * unless the `showCallBar` setting turned it off. Shared so main (the window, the level relay)
 * and the page that measures the levels agree on when meters are wanted at all.
 */
export function isCallBarShown(callBar: Pick<CallBarState, 'phase'>, showCallBar: boolean): boolean {
  return showCallBar && callBar.phase !== 'off'
}
