import type { Notice } from '../../../../shared/ipcContract'
import type { Disposable } from '../lifecycle'

export interface PushToTalkHandlers {
  onPress(): void
  onRelease(): void
}

/** How the hotkey ended up working on this machine, and why when it is not hold-to-talk (a notice: code + params). */
export interface PushToTalkBinding extends Disposable {
  mode: 'hold' | 'toggle'
  note: Notice | null
}

/** The global hotkey: hold-to-talk where a keyboard hook is available, press-to-toggle otherwise. */
export interface PushToTalkSource {
  bind(accelerator: string, handlers: PushToTalkHandlers): PushToTalkBinding
  /**
   * Forgets which keys are held, releasing a chord that was down. Called on lock, unlock,
   * suspend and resume, whose key-ups never reach a global hook (the Windows lock screen eats
   * Win+L's), so a stale "held" key would block every later press.
   */
  resetHeldKeys(): void
  /**
   * A key-up seen by Sightline's own focused window (`KeyboardEvent.code`). On Windows a global
   * hook hears nothing while our window has focus once getUserMedia ran (a long-standing uiohook
   * report), so a hold started there must end on the window's key-up. Never releases twice.
   */
  windowKeyUp(code: string): void
}
