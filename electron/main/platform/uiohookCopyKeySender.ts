import { createRequire } from 'node:module'
import type { CopyKeySender } from '../core/ports'
import type { HookTrouble } from './keyboardHookCheck'

const loadCommonJs = createRequire(import.meta.url)

/**
 * The copy keystroke through uiohook-napi's `keyTap` (libuiohook posts a synthetic key event:
 * SendInput on Windows, CGEvent on macOS, XTest on X11). `hookProblem` is the keyboard-hook
 * check's answer (electronKeyboardHookCheck.ts): where the hook cannot run (Wayland, no
 * accessibility permission) keystrokes cannot be sent either, and the user copies first.
 */
export function createUiohookCopyKeySender(hookProblem: HookTrouble | null, platform: NodeJS.Platform = process.platform): CopyKeySender {
  return {
    canSend: hookProblem === null,
    sendCopy() {
      const { uIOhook, UiohookKey } = loadCommonJs('uiohook-napi') as typeof import('uiohook-napi')
      // The hotkey's Shift may still be down: Ctrl+Shift+C opens developer tools in browsers.
      uIOhook.keyToggle(UiohookKey.Shift, 'up')
      uIOhook.keyTap(UiohookKey.C, [platform === 'darwin' ? UiohookKey.Meta : UiohookKey.Ctrl])
    },
  }
}
