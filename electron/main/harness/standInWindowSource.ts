import type { DesktopSnapshot, DesktopWindow, WindowSource } from '../core/ports'

/**
 * The browser harness's window list: the harness shares a browser tab, not a desktop, so there is
 * no real window list to read. It starts with nothing in front; e2e tests put an app in front or
 * make the list fail to drive the real privacy gate. Only ever used by the harness.
 */
export class StandInWindowSource implements WindowSource {
  private windows: DesktopWindow[] = []
  private frontmostId: string | null = null
  private failure: string | null = null
  private nextId = 1

  async snapshot(): Promise<DesktopSnapshot> {
    if (this.failure) throw new Error(this.failure)
    return { windows: this.windows.map((w) => ({ ...w, bounds: { ...w.bounds } })), frontmostId: this.frontmostId, displays: [], ownWindows: [] }
  }

  /** Opens a window of `appName` titled `title` in front of everything. */
  bringToFront(appName: string, title = appName): void {
    const id = `stand-in-${this.nextId++}`
    this.windows.push({ id, appName, title, bounds: { x: 0, y: 0, width: 800, height: 600 } })
    this.frontmostId = id
  }

  /** Closes every window; nothing is in front. */
  clear(): void {
    this.windows = []
    this.frontmostId = null
  }

  /** From now on the list cannot be read (`message`), until {@link recover}. */
  fail(message: string): void {
    this.failure = message
  }

  recover(): void {
    this.failure = null
  }
}
