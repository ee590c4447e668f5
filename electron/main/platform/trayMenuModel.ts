import type { AppSnapshot } from '../../../shared/ipcContract'
import { assertNever } from '../../../shared/assertNever'
import { shareStatusLine } from '../../../shared/shareStatusLine'
import { activityOf, connectionNoteOf, type Activity } from '../core/state/activity'

/** What the tray shows, derived from main's state and the hands-free setting. */
export interface TrayView {
  activity: Activity
  connectionNote: 'reconnecting' | null
  isHandsFree: boolean
  isMuted: boolean
  isSharing: boolean
  /** The version of a downloaded, verified update waiting for a restart. */
  updateReady: string | null
  /** What is shared, or that sharing is paused and why ("Sharing paused: 1Password is in front"): shared/shareStatusLine.ts. */
  shareNote: string | null
}

/** A tray action a menu item runs. */
export type TrayAction = 'toggleTalk' | 'shareAndAsk' | 'lookNow' | 'setHandsFree' | 'setMuted' | 'openWindow' | 'openHistory' | 'openSettings' | 'restartToUpdate' | 'quit'

/** One menu item, independent of Electron's Menu, so the model can be built and checked in plain Node. */
export type TrayMenuItem =
  | { kind: 'separator' }
  | { kind: 'note'; label: string }
  | { kind: 'action'; label: string; action: Exclude<TrayAction, 'setHandsFree' | 'setMuted'>; enabled: boolean }
  | { kind: 'checkbox'; label: string; action: 'setHandsFree' | 'setMuted'; checked: boolean }

/** The tray as data: icon name (per activity), tooltip and menu. */
export interface TrayMenuModel {
  activity: Activity
  tooltip: string
  items: TrayMenuItem[]
}

/** The tray's view of the state. */
export function trayViewOf(state: AppSnapshot, isHandsFree: boolean): TrayView {
  return {
    activity: activityOf(state),
    connectionNote: connectionNoteOf(state),
    isHandsFree,
    isMuted: state.isMuted,
    isSharing: state.share.isSharing,
    updateReady: state.update.status === 'ready' ? state.update.version : null,
    shareNote: shareStatusLine(state.share),
  }
}

function tooltipOf(activity: Activity): string {
  switch (activity) {
    case 'idle':
      return 'Sightline'
    case 'listening':
      return 'Sightline: listening'
    case 'thinking':
      return 'Sightline: thinking'
    case 'speaking':
      return 'Sightline: speaking'
    case 'sharing':
      return 'Sightline: sharing your screen'
    case 'error':
      return 'Sightline: needs attention'
    default:
      return assertNever(activity)
  }
}

/** The tray's words for the connection note: the tray is an edge, so the code becomes text here. */
const CONNECTION_NOTE_TEXT: Record<NonNullable<TrayView['connectionNote']>, string> = { reconnecting: 'Reconnecting…' }

/** Builds the tray's icon, tooltip and menu for a view. Quit is always the last item. */
export function trayMenuModel(view: TrayView): TrayMenuModel {
  const note = view.connectionNote ? CONNECTION_NOTE_TEXT[view.connectionNote] : null
  const tooltip = [tooltipOf(view.activity), note, view.activity === 'sharing' ? null : view.shareNote].filter(Boolean).join(' · ')
  const items: TrayMenuItem[] = [
    ...(note ? [{ kind: 'note' as const, label: note }, { kind: 'separator' as const }] : []),
    ...(view.shareNote ? [{ kind: 'note' as const, label: view.shareNote }] : []),
    { kind: 'action', label: view.activity === 'listening' ? 'Stop talking' : 'Talk', action: 'toggleTalk', enabled: true },
    { kind: 'action', label: view.isSharing ? 'Stop sharing' : 'Share screen and ask', action: 'shareAndAsk', enabled: true },
    { kind: 'action', label: 'Look now', action: 'lookNow', enabled: view.isSharing },
    { kind: 'separator' },
    { kind: 'checkbox', label: 'Hands-free', action: 'setHandsFree', checked: view.isHandsFree },
    { kind: 'checkbox', label: 'Mute', action: 'setMuted', checked: view.isMuted },
    { kind: 'separator' },
    { kind: 'action', label: 'Open Sightline', action: 'openWindow', enabled: true },
    { kind: 'action', label: 'History…', action: 'openHistory', enabled: true },
    { kind: 'action', label: 'Settings…', action: 'openSettings', enabled: true },
    ...(view.updateReady ? [{ kind: 'action' as const, label: `Restart to update (${view.updateReady})`, action: 'restartToUpdate' as const, enabled: true }] : []),
    { kind: 'separator' },
    { kind: 'action', label: 'Quit Sightline', action: 'quit', enabled: true },
  ]
  return { activity: view.activity, tooltip, items }
}
