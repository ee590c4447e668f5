import { join } from 'node:path'
import type { Assistant } from './core/assistant'
import { DisposableStore, MutableDisposable, type Disposable } from './core/lifecycle'
import type { Logger } from './core/ports'
import type { SettingsService } from './core/settings/settingsService'
import type { Settings } from '../../shared/settings'
import type { AppState } from './core/state/appState'
import { uiTranslator } from './core/uiLanguage'
import { isCallBarShown } from '../../shared/callBarShown'
import { bindGlobalShortcut } from './platform/globalShortcutBinding'
import { TrayMenu } from './platform/trayMenu'
import { trayViewOf } from './platform/trayMenuModel'
import type { AppWindows } from './windows/appWindows'
import type { CallBarWindow } from './windows/callBarWindow'

/**
 * The tray, the "Share screen and ask" shortcut and the call bar, all following main's state
 * (no polling: they redraw on `onStateChange` and on settings changes). The talk hotkey is the
 * Assistant's own (hold-to-talk needs press and release). Disposing the result removes the tray,
 * unbinds the shortcut and stops following.
 */
export function setUpTrayAndShortcuts(deps: {
  assistant: Assistant
  state: AppState
  settings: SettingsService
  windows: AppWindows
  callBar: CallBarWindow
  resourcesDir: string
  /** The OS locale (`app.getLocale()`), which the 'system' language setting follows. */
  osLocale: string
  logger: Logger
  openSettings(): void
  openHistory(): void
  quit(): void
}): Disposable {
  const { assistant, state, settings, windows, logger } = deps
  const disposables = new DisposableStore()
  const words = uiTranslator(settings, deps.osLocale)
  const shareAndAsk = () => {
    if (!assistant.shareState.isSharing) windows.showMain()
    assistant.toggleShareAndAsk().catch((error: unknown) => logger.warn('share and ask failed', { error }))
  }

  /**
   * Binds a global shortcut from settings and rebinds it when that setting changes; a shortcut the
   * OS refuses is one coded error (the catalogue says what fixes it).
   */
  const followShortcut = (shortcut: { hotkeyOf: (s: Settings) => string; run: () => void; code: string; name: string }) => {
    const binding = disposables.add(new MutableDisposable<Disposable>())
    const bind = () => {
      binding.clear()
      const hotkey = shortcut.hotkeyOf(settings.get())
      try {
        binding.value = bindGlobalShortcut(hotkey, shortcut.run)
      } catch (error) {
        logger.warn(`${shortcut.name} hotkey unavailable`, { hotkey, error })
        const code = (error as { code?: unknown }).code
        assistant.reportError({
          code: shortcut.code,
          message: (error as Error).message,
          // `refusal` adds the OS's reason (errors.refusal.*) to the catalogue's words for `code`.
          params: { hotkey, refusal: typeof code === 'string' ? code : 'HOTKEY_INVALID' },
        })
      }
    }
    disposables.add(
      settings.onChange((next, previous) => {
        if (shortcut.hotkeyOf(next) !== shortcut.hotkeyOf(previous)) bind()
      }),
    )
    bind()
  }

  const tray = disposables.add(
    new TrayMenu(join(deps.resourcesDir, 'tray'), {
      toggleTalk: () => assistant.toggleTalk(),
      shareAndAsk,
      lookNow: () => {
        if (assistant.shareState.isSharing) assistant.lookNow()
      },
      setHandsFree: (on) => void settings.update({ vad: { mode: on ? 'hands-free' : 'push-to-talk' } }).catch((error: unknown) => logger.warn('hands-free switch failed', { error })),
      setMuted: (on) => void assistant.setMuted(on).catch((error: unknown) => logger.warn('mute failed', { error })),
      openWindow: () => windows.showMain(),
      openSettings: deps.openSettings,
      openHistory: deps.openHistory,
      restartToUpdate: () => {
        if (assistant.updateState().status === 'ready') assistant.restartToUpdate()
      },
      quit: deps.quit,
    }, words()),
  )

  const follow = () => {
    const now = state.state
    tray.update(trayViewOf(now, settings.get().vad.mode === 'hands-free', words()))
    // The call bar is up while a session is live, unless the setting turned it off.
    if (isCallBarShown(now.callBar, settings.get().showCallBar)) deps.callBar.show()
    else deps.callBar.hide()
  }
  disposables.add(state.onStateChange(follow))
  disposables.add(
    settings.onChange((next, previous) => {
      if (next.uiLanguage !== previous.uiLanguage) tray.setWords(words())
      if (next.vad.mode !== previous.vad.mode || next.uiLanguage !== previous.uiLanguage || next.showCallBar !== previous.showCallBar) follow()
    }),
  )

  assistant.bindHotkey()
  followShortcut({ hotkeyOf: (s) => s.shareHotkey, run: shareAndAsk, code: 'SHARE_HOTKEY_UNAVAILABLE', name: 'share' })
  // "Ask about the selection": nothing is read from the clipboard except on this press.
  followShortcut({
    hotkeyOf: (s) => s.point.selectionHotkey,
    run: () => void assistant.askAboutSelection().catch((error: unknown) => logger.warn('ask about the selection failed', { error })),
    code: 'SELECTION_HOTKEY_UNAVAILABLE',
    name: 'selection',
  })
  follow()
  return disposables
}
