import { screen } from 'electron'
import type { PointerSource } from '../core/ports'

/** The pointer from Electron's `screen.getCursorScreenPoint()` (desktop DIP; only after the app is ready). */
export function createElectronPointerSource(): PointerSource {
  return { cursorScreenPoint: () => screen.getCursorScreenPoint() }
}
