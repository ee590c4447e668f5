import { join } from 'node:path'
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions } from 'electron'
import { toDisposable, type Disposable } from '../core/lifecycle'
import { assertNever } from '../../../shared/assertNever'
import type { Activity } from '../core/state/activity'
import type { Translate } from '../../../shared/i18n/translate'
import { trayMenuModel, type TrayAction, type TrayMenuItem, type TrayView } from './trayMenuModel'

export type { TrayView } from './trayMenuModel'

/** What the tray's items do; checkboxes get their new value. */
export type TrayActions = { [A in Exclude<TrayAction, 'setHandsFree' | 'setMuted'>]: () => void } & {
  setHandsFree(on: boolean): void
  setMuted(on: boolean): void
}

/**
 * The tray icon and its menu, drawn from {@link trayMenuModel}. Icons per state; template images
 * on macOS (the menu bar tints them), light/dark variants elsewhere, redrawn when the OS theme
 * flips. Clicking the icon toggles talking. Disposing it stops following the theme and removes
 * the icon.
 */
export class TrayMenu implements Disposable {
  private readonly tray: Tray
  private readonly themeListener: Disposable
  private view: TrayView = { activity: 'idle', connectionNote: null, isHandsFree: false, isMuted: false, isSharing: false, updateReady: null, shareNote: null }

  constructor(
    private readonly iconDir: string,
    private readonly actions: TrayActions,
    /** The UI language's words (core/uiLanguage.ts); {@link setWords} when the language changes. */
    private t: Translate,
  ) {
    this.tray = new Tray(this.icon('idle'))
    this.tray.on('click', () => actions.toggleTalk())
    const onThemeUpdated = () => this.render()
    nativeTheme.on('updated', onThemeUpdated)
    this.themeListener = toDisposable(() => nativeTheme.removeListener('updated', onThemeUpdated))
    this.render()
  }

  /** Redraws when the view changed; an unchanged view costs nothing. */
  update(view: TrayView): void {
    if (JSON.stringify(view) === JSON.stringify(this.view)) return
    this.view = view
    this.render()
  }

  /** Redraws the menu and tooltip in another language (the language setting changed). */
  setWords(t: Translate): void {
    this.t = t
    this.render()
  }

  dispose(): void {
    this.themeListener.dispose()
    if (!this.tray.isDestroyed()) this.tray.destroy()
  }

  private render(): void {
    const model = trayMenuModel(this.view, this.t)
    this.tray.setImage(this.icon(model.activity))
    this.tray.setToolTip(model.tooltip)
    this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => this.menuItem(item))))
  }

  private menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    const a = this.actions
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' }
      case 'note':
        return { label: item.label, enabled: false }
      case 'checkbox':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: (menuItem) => a[item.action](menuItem.checked) }
      case 'action':
        return { label: item.label, enabled: item.enabled, ...(item.action === 'quit' ? { role: 'quit' as const } : {}), click: () => a[item.action]() }
      default:
        return assertNever(item, 'tray menu item')
    }
  }

  private icon(activity: Activity) {
    const name =
      process.platform === 'darwin'
        ? `tray-${activity}Template.png`
        : `tray-${activity}-${nativeTheme.shouldUseDarkColors ? 'dark' : 'light'}.png`
    const image = nativeImage.createFromPath(join(this.iconDir, name))
    if (process.platform === 'darwin') image.setTemplateImage(true)
    return image
  }
}
