import { join } from 'node:path'
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions } from 'electron'

export type TrayActivity = 'idle' | 'listening' | 'thinking' | 'speaking' | 'sharing' | 'error'

export interface TrayActions {
  toggleTalk(): void
  shareAndAsk(): void
  lookNow(): void
  setHandsFree(on: boolean): void
  setMuted(on: boolean): void
  openWindow(): void
  openSettings(): void
  openHistory(): void
  restartToUpdate(): void
  quit(): void
}

export interface TrayView {
  activity: TrayActivity
  /** What the connection is doing when it matters to the user ("Reconnecting…", "Resumed"). */
  connectionNote: string | null
  isHandsFree: boolean
  isMuted: boolean
  isSharing: boolean
  /** A downloaded, verified update waiting for a restart. */
  updateReady: string | null
  /** What is shared, or that sharing is paused and why ("Sharing paused: 1Password is in front"): shared/shareStatusLine.ts. */
  shareNote: string | null
}

const TOOLTIP: Record<TrayActivity, string> = {
  idle: 'Sightline',
  listening: 'Sightline: listening',
  thinking: 'Sightline: thinking',
  speaking: 'Sightline: speaking',
  sharing: 'Sightline: sharing your screen',
  error: 'Sightline: needs attention',
}

/**
 * The tray icon and its menu. Icons per state; template images on macOS (the menu bar tints
 * them), light/dark variants elsewhere. Clicking the icon toggles talking.
 */
export class TrayMenu {
  private readonly tray: Tray
  private view: TrayView = { activity: 'idle', connectionNote: null, isHandsFree: false, isMuted: false, isSharing: false, updateReady: null, shareNote: null }

  constructor(
    private readonly iconDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(this.icon('idle'))
    this.tray.on('click', () => actions.toggleTalk())
    nativeTheme.on('updated', () => this.render())
    this.render()
  }

  update(view: Partial<TrayView>): void {
    const next = { ...this.view, ...view }
    if (JSON.stringify(next) === JSON.stringify(this.view)) return
    this.view = next
    this.render()
  }

  destroy(): void {
    this.tray.destroy()
  }

  private render(): void {
    const { activity, connectionNote, isHandsFree, isMuted, isSharing, updateReady, shareNote } = this.view
    this.tray.setImage(this.icon(activity))
    this.tray.setToolTip([TOOLTIP[activity], connectionNote, activity === 'sharing' ? null : shareNote].filter(Boolean).join(' · '))
    const a = this.actions
    const items: MenuItemConstructorOptions[] = [
      ...(connectionNote ? [{ label: connectionNote, enabled: false }, { type: 'separator' as const }] : []),
      ...(shareNote ? [{ label: shareNote, enabled: false }] : []),
      { label: activity === 'listening' ? 'Stop talking' : 'Talk', click: () => a.toggleTalk() },
      { label: isSharing ? 'Stop sharing' : 'Share screen and ask', click: () => a.shareAndAsk() },
      { label: 'Look now', enabled: isSharing, click: () => a.lookNow() },
      { type: 'separator' },
      { label: 'Hands-free', type: 'checkbox', checked: isHandsFree, click: (item) => a.setHandsFree(item.checked) },
      { label: 'Mute', type: 'checkbox', checked: isMuted, click: (item) => a.setMuted(item.checked) },
      { type: 'separator' },
      { label: 'Open Sightline', click: () => a.openWindow() },
      { label: 'History…', click: () => a.openHistory() },
      { label: 'Settings…', click: () => a.openSettings() },
      ...(updateReady ? [{ label: `Restart to update (${updateReady})`, click: () => a.restartToUpdate() }] : []),
      { type: 'separator' },
      { label: 'Quit Sightline', role: 'quit', click: () => a.quit() },
    ]
    this.tray.setContextMenu(Menu.buildFromTemplate(items))
  }

  private icon(activity: TrayActivity) {
    const name =
      process.platform === 'darwin'
        ? `tray-${activity}Template.png`
        : `tray-${activity}-${nativeTheme.shouldUseDarkColors ? 'dark' : 'light'}.png`
    const image = nativeImage.createFromPath(join(this.iconDir, name))
    if (process.platform === 'darwin') image.setTemplateImage(true)
    return image
  }
}
