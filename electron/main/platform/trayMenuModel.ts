import type { AppSnapshot, Notice } from '../../../shared/ipcContract'
import { describeError } from '../../../shared/i18n/describeError'
import { shareStatusLine } from '../../../shared/shareStatusLine'
import { activityOf, connectionNoteOf, type Activity } from '../core/state/activity'
import { translatorFor, wordingOf, type Translate } from '../../../shared/i18n/translate'

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
  /** The newest error or notice main keeps pending (code + params), worded in the tray's language; none when absent. */
  problem?: Notice | null
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

/** The tray's view of the state; the share line in the UI language of `t`. */
export function trayViewOf(state: AppSnapshot, isHandsFree: boolean, t: Translate): TrayView {
  return {
    activity: activityOf(state),
    connectionNote: connectionNoteOf(state),
    isHandsFree,
    isMuted: state.isMuted,
    isSharing: state.share.isSharing,
    updateReady: state.update.status === 'ready' ? state.update.version : null,
    shareNote: shareStatusLine(state.share, t),
    problem: state.notices.length ? { code: state.notices.at(-1)!.code, params: state.notices.at(-1)!.params ?? {} } : null,
  }
}

/**
 * Builds the tray's icon, tooltip and menu for a view, in the UI language (`t`, from the shared
 * catalogue; English by default). Quit is always the last item.
 */
export function trayMenuModel(view: TrayView, t: Translate = translatorFor('en')): TrayMenuModel {
  const note = view.connectionNote ? t(`tray.${view.connectionNote}`) : null
  // With every window closed the tray is where the user looks: the pending problem is said there too, from the catalogue.
  const problem = view.problem ? describeError(view.problem, wordingOf(t)).message : null
  const tooltip = [t(`tray.${view.activity}`), note, view.activity === 'sharing' ? null : view.shareNote, problem].filter(Boolean).join(' · ')
  const items: TrayMenuItem[] = [
    ...(problem ? [{ kind: 'note' as const, label: problem }, { kind: 'separator' as const }] : []),
    ...(note ? [{ kind: 'note' as const, label: note }, { kind: 'separator' as const }] : []),
    ...(view.shareNote ? [{ kind: 'note' as const, label: view.shareNote }] : []),
    { kind: 'action', label: view.activity === 'listening' ? t('tray.stopTalking') : t('tray.talk'), action: 'toggleTalk', enabled: true },
    { kind: 'action', label: view.isSharing ? t('tray.stopSharing') : t('tray.shareAndAsk'), action: 'shareAndAsk', enabled: true },
    { kind: 'action', label: t('tray.lookNow'), action: 'lookNow', enabled: view.isSharing },
    { kind: 'separator' },
    { kind: 'checkbox', label: t('tray.handsFree'), action: 'setHandsFree', checked: view.isHandsFree },
    { kind: 'checkbox', label: t('tray.mute'), action: 'setMuted', checked: view.isMuted },
    { kind: 'separator' },
    { kind: 'action', label: t('tray.open'), action: 'openWindow', enabled: true },
    { kind: 'action', label: t('tray.history'), action: 'openHistory', enabled: true },
    { kind: 'action', label: t('tray.settings'), action: 'openSettings', enabled: true },
    ...(view.updateReady ? [{ kind: 'action' as const, label: t('tray.restartToUpdate', { version: view.updateReady }), action: 'restartToUpdate' as const, enabled: true }] : []),
    { kind: 'separator' },
    { kind: 'action', label: t('tray.quit'), action: 'quit', enabled: true },
  ]
  return { activity: view.activity, tooltip, items }
}
