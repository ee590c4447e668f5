import type { BrowserWindowConstructorOptions } from 'electron'
import type { Rect } from '../core/ports'

/**
 * A frameless, transparent, always-on-top window covering `bounds` (one display): the shape of
 * every overlay (the pointer marker, the region outline, the region picker). Callers add what
 * differs, such as `focusable: false` for the click-through ones.
 */
export function overlayWindowOptions(bounds: Rect, title: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    show: false,
    frame: false,
    transparent: true,
    backgroundColor: '#00000000',
    hasShadow: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title,
  }
}
