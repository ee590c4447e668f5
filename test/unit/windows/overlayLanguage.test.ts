import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UiLocale } from '../../../shared/i18n/catalogue'

// The overlay windows as main builds them, with a stand-in BrowserWindow that records what it was
// given: the window title and the page's URL fragment carry the UI language (the pages themselves
// are tested in Chromium in test/e2e/pointOverlay.e2e.ts).

const electron = vi.hoisted(() => ({ windows: [] as FakeWindow[] }))

interface FakeWindow {
  options: { title?: string }
  url: string | null
  isDestroyedNow: boolean
  listeners: Map<string, (() => void)[]>
}

vi.mock('electron', () => ({
  BrowserWindow: class {
    private readonly record: FakeWindow
    readonly webContents = { send: () => undefined, ipc: { once: () => undefined } }
    constructor(options: { title?: string }) {
      this.record = { options, url: null, isDestroyedNow: false, listeners: new Map() }
      electron.windows.push(this.record)
    }
    setContentProtection(): void {}
    setAlwaysOnTop(): void {}
    setVisibleOnAllWorkspaces(): void {}
    setIgnoreMouseEvents(): void {}
    setBounds(): void {}
    showInactive(): void {}
    show(): void {}
    focus(): void {}
    hide(): void {}
    isDestroyed(): boolean {
      return this.record.isDestroyedNow
    }
    destroy(): void {
      this.record.isDestroyedNow = true
      for (const listener of this.record.listeners.get('closed') ?? []) listener()
    }
    on(event: string, listener: () => void): void {
      this.record.listeners.set(event, [...(this.record.listeners.get(event) ?? []), listener])
    }
    once(event: string, listener: () => void): void {
      this.on(event, listener)
    }
    loadURL(url: string): Promise<void> {
      this.record.url = url
      return Promise.resolve()
    }
  },
}))

const { RegionPickerWindow } = await import('../../../electron/main/windows/regionPickerWindow')
const { PointOverlayWindows } = await import('../../../electron/main/windows/pointOverlayWindows')

const display = { id: 'D1', bounds: { x: 1920, y: 0, width: 1280, height: 720 }, scaleFactor: 1 }

afterEach(() => {
  electron.windows.length = 0
})

describe('the overlay windows speak the UI language', () => {
  it('the region picker is titled in the UI language, and its page gets the language and the shared region (page px) in its fragment', () => {
    const picker = new RegionPickerWindow('/preload/region.cjs', 'app://sightline/overlay/region.html', () => 'de')
    void picker.pick(display, { x: 2020, y: 100, width: 300, height: 200 })
    expect(electron.windows).toHaveLength(1)
    expect(electron.windows[0]!.options.title).toBe('Sightline: Bereich zum Teilen aufziehen')
    expect(electron.windows[0]!.url).toBe('app://sightline/overlay/region.html#lang=de&region=100,100,300,200')
  })

  it('the pointer overlay opens in the UI language, and an idle one is opened anew after the language changes', () => {
    let locale: UiLocale = 'es'
    const overlays = new PointOverlayWindows('/preload/overlay.cjs', 'app://sightline/overlay/index.html', () => locale)
    overlays.show(display, { x: 2000, y: 50, width: 100, height: 100 })
    overlays.hide()
    expect(electron.windows.map((w) => [w.options.title, w.url])).toEqual([['Puntero de Sightline', 'app://sightline/overlay/index.html#lang=es']])
    locale = 'ja'
    overlays.show(display, { x: 2000, y: 50, width: 100, height: 100 })
    expect(electron.windows.map((w) => [w.options.title, w.url, w.isDestroyedNow])).toEqual([
      ['Puntero de Sightline', 'app://sightline/overlay/index.html#lang=es', true],
      ['Sightline ポインター', 'app://sightline/overlay/index.html#lang=ja', false],
    ])
    // The same language again: the open overlay is reused, not opened anew.
    overlays.show(display, { x: 2000, y: 60, width: 100, height: 100 })
    expect(electron.windows).toHaveLength(2)
  })
})
