import { globalShortcut } from 'electron'
import { TogglePushToTalk } from './togglePushToTalk'

/** Press-to-toggle through Electron's `globalShortcut`: the fallback where uiohook cannot run. */
export class GlobalShortcutPushToTalk extends TogglePushToTalk {
  constructor() {
    super(globalShortcut)
  }
}
