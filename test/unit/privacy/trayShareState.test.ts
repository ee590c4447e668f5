import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

const tray = vi.hoisted(() => ({ tooltip: '', menu: [] as MenuItemConstructorOptions[] }))
vi.mock('electron', () => ({
  Tray: class {
    on() {}
    setImage() {}
    setToolTip(text: string) {
      tray.tooltip = text
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      tray.menu = menu
    }
    destroy() {}
  },
  Menu: { buildFromTemplate: (items: MenuItemConstructorOptions[]) => items },
  nativeImage: { createFromPath: () => ({ setTemplateImage() {} }) },
  nativeTheme: { on() {}, shouldUseDarkColors: false },
}))

const { TrayMenu } = await import('../../../electron/main/platform/trayMenu')
const { shareStatusLine } = await import('../../../shared/shareStatusLine')

function trayMenu() {
  const shareAndAsk = vi.fn()
  const menu = new TrayMenu('/icons', {
    toggleTalk: vi.fn(),
    shareAndAsk,
    lookNow: vi.fn(),
    setHandsFree: vi.fn(),
    setMuted: vi.fn(),
    openWindow: vi.fn(),
    openSettings: vi.fn(),
    openHistory: vi.fn(),
    restartToUpdate: vi.fn(),
    quit: vi.fn(),
  })
  return { menu, shareAndAsk }
}

describe('tray sharing state', () => {
  it('while frames flow: the sharing icon state, what is shared, and one item that stops it', () => {
    const { menu, shareAndAsk } = trayMenu()
    menu.update({ activity: 'sharing', isSharing: true, shareNote: shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pauseMessage: null }) })
    expect(tray.tooltip).toBe('Sightline: sharing your screen')
    expect(tray.menu[0]).toMatchObject({ label: 'Sharing Screen 2', enabled: false })
    const stop = tray.menu.find((item) => item.label === 'Stop sharing')!
    ;(stop.click as () => void)()
    expect(shareAndAsk).toHaveBeenCalledTimes(1)
  })

  it('a pause shows as a pause, in the tooltip too while another state holds the icon', () => {
    const { menu } = trayMenu()
    const paused = shareStatusLine({ isSharing: true, sourceName: 'Screen 2', pauseMessage: 'Sharing paused: 1Password is in front' })
    menu.update({ activity: 'listening', isSharing: true, shareNote: paused })
    expect(tray.tooltip).toBe('Sightline: listening · Sharing paused: 1Password is in front')
    expect(tray.menu[0]).toMatchObject({ label: 'Sharing paused: 1Password is in front', enabled: false })
    expect(tray.menu.some((item) => item.label === 'Stop sharing')).toBe(true)
  })

  it('not sharing: no sharing line', () => {
    const { menu } = trayMenu()
    menu.update({ activity: 'idle', isSharing: false, shareNote: null })
    expect(tray.tooltip).toBe('Sightline')
    expect(tray.menu[0]).toMatchObject({ label: 'Talk' })
  })
})
