import type { ScreenSource } from '../../../../shared/ipcContract'
import type { ShareTarget } from '../media/privacyGate'

/** Screens and windows to share; desktopCapturer in the app, the browser's own picker in the harness. */
export interface ScreenSourceProvider {
  list(): Promise<ScreenSource[]>
  /** Remembers the source the next getDisplayMedia request is answered with. */
  select(id: string): void
  /** What a listed source id shows, for the privacy gate; unknown when the provider cannot tell. */
  shareTarget?(id: string): ShareTarget
}
