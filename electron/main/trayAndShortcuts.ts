import { join } from 'node:path'
import { shareStatusLine } from '../../shared/shareStatusLine'
import type { Assistant } from './core/assistant'
import type { Logger } from './core/ports'
import type { SettingsService } from './core/settings/settingsService'
import { bindGlobalShortcut } from './platform/globalShortcutBinding'
import { TrayMenu } from './platform/trayMenu'
import type { AppWindows } from './windows/appWindows'

const REFRESH_MS = 250

/**
 * The tray, the "Share screen and ask" shortcut and the mini window, all following the
 * Assistant. The talk hotkey is the Assistant's own (hold-to-talk needs press and release).
 */
export function setUpTrayAndShortcuts(deps: {
  assistant: Assistant
  settings: SettingsService
  windows: AppWindows
  resourcesDir: string
  logger: Logger
  openSettings(): void
  openHistory(): void
  quit(): void
}): () => void {
  const { assistant, settings, windows, logger } = deps
  const shareAndAsk = () => {
    if (!assistant.shareState.isSharing) windows.showMain()
    assistant.toggleShareAndAsk().catch((error: unknown) => logger.warn('share and ask failed', { error: String(error) }))
  }

  let unbindShareHotkey: (() => void) | null = null
  const bindShareHotkey = () => {
    unbindShareHotkey?.()
    unbindShareHotkey = null
    try {
      unbindShareHotkey = bindGlobalShortcut(settings.get().shareHotkey, shareAndAsk)
    } catch (error) {
      assistant.reportError({ code: 'SHARE_HOTKEY_UNAVAILABLE', message: (error as Error).message, action: 'Pick another shortcut for Share screen and ask in Settings.' })
    }
  }
  // "Ask about the selection": nothing is read from the clipboard except on this press.
  let unbindSelectionHotkey: (() => void) | null = null
  const bindSelectionHotkey = () => {
    unbindSelectionHotkey?.()
    unbindSelectionHotkey = null
    try {
      unbindSelectionHotkey = bindGlobalShortcut(settings.get().point.selectionHotkey, () => {
        assistant.askAboutSelection().catch((error: unknown) => logger.warn('ask about the selection failed', { error: String(error) }))
      })
    } catch (error) {
      assistant.reportError({ code: 'SELECTION_HOTKEY_UNAVAILABLE', message: (error as Error).message, action: 'Pick another shortcut for Ask about the selection in Settings.' })
    }
  }
  const offSettings = settings.onChange((next, previous) => {
    if (next.shareHotkey !== previous.shareHotkey) bindShareHotkey()
    if (next.point.selectionHotkey !== previous.point.selectionHotkey) bindSelectionHotkey()
  })

  const tray = new TrayMenu(join(deps.resourcesDir, 'tray'), {
    toggleTalk: () => assistant.toggleTalk(),
    shareAndAsk,
    lookNow: () => {
      if (assistant.shareState.isSharing) assistant.lookNow()
    },
    setHandsFree: (on) => void settings.update({ vad: { mode: on ? 'hands-free' : 'push-to-talk' } }),
    setMuted: (on) => void assistant.setMuted(on),
    openWindow: () => windows.showMain(),
    openSettings: deps.openSettings,
    openHistory: deps.openHistory,
    restartToUpdate: () => {
      if (assistant.updateState().status === 'ready') assistant.restartToUpdate()
    },
    quit: deps.quit,
  })

  // Polled rather than evented: "speaking" ends when playback reports stop arriving, which no event marks.
  const timer = setInterval(() => {
    tray.update({
      activity: assistant.activity,
      connectionNote: assistant.connectionNote,
      isHandsFree: settings.get().vad.mode === 'hands-free',
      isMuted: assistant.isMuted,
      isSharing: assistant.shareState.isSharing,
      updateReady: assistant.updateState().status === 'ready' ? assistant.updateState().version : null,
      shareNote: shareStatusLine(assistant.shareState),
    })
    if (assistant.talkState.isTalking && assistant.talkState.source !== 'button' && !windows.isMainVisible) windows.showMini()
    if (assistant.activity === 'idle') windows.hideMini()
  }, REFRESH_MS)
  timer.unref()

  assistant.bindHotkey()
  bindShareHotkey()
  bindSelectionHotkey()
  return () => {
    clearInterval(timer)
    offSettings()
    unbindShareHotkey?.()
    unbindSelectionHotkey?.()
    tray.destroy()
  }
}
