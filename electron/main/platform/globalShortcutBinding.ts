import { globalShortcut } from 'electron'

/**
 * One global shortcut that fires on press (Electron reports no release). Throws a coded error
 * when the accelerator is invalid or another app already owns it.
 */
export function bindGlobalShortcut(accelerator: string, onPress: () => void): () => void {
  let registered: boolean
  try {
    registered = globalShortcut.register(accelerator, onPress)
  } catch (error) {
    throw Object.assign(new Error(`"${accelerator}" is not a valid shortcut: ${String(error)}`), { code: 'HOTKEY_INVALID' })
  }
  if (!registered) throw Object.assign(new Error(`"${accelerator}" is already used by another app.`), { code: 'HOTKEY_TAKEN' })
  return () => globalShortcut.unregister(accelerator)
}
