/** The slice of `window` the forwarder listens on (a fake in tests). */
export interface KeyUpTarget {
  addEventListener(type: 'keyup', listener: (event: { code: string }) => void): void
  removeEventListener(type: 'keyup', listener: (event: { code: string }) => void): void
}

/**
 * While the global hotkey holds talking, passes this window's key-ups (`KeyboardEvent.code`
 * only) to main, which ends the hold if the key belongs to the chord. On Windows the global
 * hook hears nothing while our window has focus once the mic opened, so without this a hold
 * begun here would never end. Other key-ups, and all of them while not hotkey-talking, stay
 * in the page. Returns the unsubscribe.
 */
export function forwardHotkeyKeyUps(target: KeyUpTarget, isHotkeyHeld: () => boolean, send: (code: string) => void): () => void {
  const onKeyUp = (event: { code: string }) => {
    if (isHotkeyHeld() && event.code) send(event.code)
  }
  target.addEventListener('keyup', onKeyUp)
  return () => target.removeEventListener('keyup', onKeyUp)
}
