import { globalShortcut } from 'electron'
import { toDisposable, type Disposable } from '../core/lifecycle'
import { PushToTalkError } from './pushToTalkError'

/**
 * One global shortcut that fires on press (Electron reports no release). Throws a coded error
 * when the accelerator is invalid or another app already owns it.
 */
export function bindGlobalShortcut(accelerator: string, onPress: () => void): Disposable {
  let registered: boolean
  try {
    registered = globalShortcut.register(accelerator, onPress)
  } catch (error) {
    throw new PushToTalkError('HOTKEY_INVALID', `"${accelerator}" is not a valid shortcut: ${String(error)}`, { params: { hotkey: accelerator } })
  }
  if (!registered) throw new PushToTalkError('HOTKEY_TAKEN', `"${accelerator}" is already used by another app.`, { params: { hotkey: accelerator } })
  return toDisposable(() => globalShortcut.unregister(accelerator))
}
