import type { DesktopSnapshot, DesktopWindow, WindowSource } from '../../electron/main/core/ports'

/** One 1920×1080 display at the origin, id "1", scale 1. */
export const PRIMARY_DISPLAY = { id: '1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }

/** A window list the test moves by hand: put an app in front, make the list fail. */
export class FakeWindowSource implements WindowSource {
  windows: DesktopWindow[] = [{ id: '10', appName: 'Terminal', title: 'bash', bounds: { x: 0, y: 0, width: 960, height: 1080 } }]
  frontmostId: string | null = '10'
  displays = [PRIMARY_DISPLAY]
  ownWindows = [{ x: 1400, y: 100, width: 460, height: 720 }]
  failure: Error | null = null
  calls = 0

  async snapshot(): Promise<DesktopSnapshot> {
    this.calls++
    if (this.failure) throw this.failure
    return structuredClone({ windows: this.windows, frontmostId: this.frontmostId, displays: this.displays, ownWindows: this.ownWindows })
  }

  /** Opens `appName` in front, over the left half of the primary display. */
  bringToFront(appName: string, title = appName): void {
    const id = String(100 + this.windows.length)
    this.windows.push({ id, appName, title, bounds: { x: 100, y: 100, width: 800, height: 600 } })
    this.frontmostId = id
  }

  /** Closes every window of `appName`; the terminal is in front again. */
  close(appName: string): void {
    this.windows = this.windows.filter((w) => w.appName !== appName)
    this.frontmostId = '10'
  }
}
