import { screen, type BrowserWindow, type Display } from 'electron'
import { CALL_BAR_SIZE, clampIntoWorkArea, displayOf, placeCallBar, rememberPosition, type CallBarDisplay } from '../core/callBar/callBarPlacement'
import type { CallBarPositionsFile } from '../core/callBar/callBarPositionsFile'
import type { Disposable } from '../core/lifecycle'
import type { Logger } from '../core/ports'
import { createSecureWindow } from './secureWindow'

/** The call bar's page: the app's page with this hash (renderer/src/App.vue). */
export const CALL_BAR_HASH = '#call-bar'

/** True for the call bar's page, by its URL. */
export function isCallBarPage(url: string): boolean {
  return url.endsWith(CALL_BAR_HASH)
}

/** A drag ends in a burst of `move` events (Linux has no `moved`); the position is kept once they stop. */
const MOVE_SETTLE_MS = 300

const DISPLAY_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const

function toCallBarDisplay(display: Display): CallBarDisplay {
  return { id: String(display.id), workArea: display.workArea }
}

/**
 * The call bar's window (issue 17): frameless, always on top, content-protected (by
 * createSecureWindow), shown without taking focus but focusable, so its buttons are reachable by
 * keyboard once the user goes there. It remembers where it was dropped per display and is pulled
 * back into a display's work area when displays change; the placement itself is
 * core/callBar/callBarPlacement.ts.
 */
export class CallBarWindow implements Disposable {
  private window: BrowserWindow | null = null
  private file: CallBarPositionsFile
  private displayId: string | null = null
  /** Where {@link place} last put the bar: a move there is ours, not the user's, and is not remembered. */
  private placedAt: { x: number; y: number } | null = null
  private isFollowingDisplays = false
  private settle: ReturnType<typeof setTimeout> | null = null
  private readonly onDisplays = () => this.place()

  constructor(
    private readonly preloadPath: string,
    private readonly pageUrl: string,
    private readonly store: { load(): CallBarPositionsFile; save(value: CallBarPositionsFile): Promise<void> },
    private readonly logger: Logger,
  ) {
    this.file = store.load()
  }

  show(): void {
    if (this.window && !this.window.isDestroyed()) {
      if (!this.window.isVisible()) this.window.showInactive()
      return
    }
    const window = createSecureWindow(
      {
        ...CALL_BAR_SIZE,
        title: 'Sightline call bar',
        frame: false,
        resizable: false,
        maximizable: false,
        fullscreenable: false,
        alwaysOnTop: true,
        skipTaskbar: true,
        show: false,
      },
      this.preloadPath,
    )
    this.window = window
    // 'floating' keeps it above ordinary windows on macOS; other platforms ignore the level.
    window.setAlwaysOnTop(true, 'floating')
    this.place()
    window.on('move', () => this.noteMove())
    window.once('ready-to-show', () => window.showInactive())
    // Closed by the user (Alt+F4): the next session builds it again.
    window.once('closed', () => {
      if (this.window === window) this.window = null
    })
    if (!this.isFollowingDisplays) {
      for (const event of DISPLAY_EVENTS) screen.on(event as 'display-added', this.onDisplays)
      this.isFollowingDisplays = true
    }
    void window.loadURL(`${this.pageUrl}${CALL_BAR_HASH}`)
  }

  hide(): void {
    if (this.window && !this.window.isDestroyed()) this.window.hide()
  }

  dispose(): void {
    if (this.settle) clearTimeout(this.settle)
    for (const event of DISPLAY_EVENTS) screen.removeListener(event as 'display-added', this.onDisplays)
    this.isFollowingDisplays = false
    if (this.window && !this.window.isDestroyed()) this.window.destroy()
    this.window = null
  }

  /** Puts the bar on its display (where it was, else where the pointer is), at the remembered or default position. */
  private place(): void {
    const window = this.window
    if (!window || window.isDestroyed()) return
    const displays = screen.getAllDisplays().map(toCallBarDisplay)
    const pointerDisplay = String(screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).id)
    const placement = placeCallBar({
      displays,
      primaryId: String(screen.getPrimaryDisplay().id),
      preferredDisplayId: this.displayId ?? pointerDisplay,
      saved: this.file.positions,
      size: CALL_BAR_SIZE,
    })
    if (!placement) return
    this.displayId = placement.displayId
    this.placedAt = placement.position
    window.setBounds({ ...placement.position, ...CALL_BAR_SIZE })
  }

  private noteMove(): void {
    if (this.settle) clearTimeout(this.settle)
    this.settle = setTimeout(() => {
      this.settle = null
      const window = this.window
      if (!window || window.isDestroyed()) return
      const displays = screen.getAllDisplays().map(toCallBarDisplay)
      const bounds = window.getBounds()
      // Our own placement (first show, a display change) is not where the user put it: the saved position stays.
      if (this.placedAt && bounds.x === this.placedAt.x && bounds.y === this.placedAt.y) return
      this.placedAt = null
      const display = displayOf(bounds, displays)
      if (!display) return
      this.displayId = display.id
      const inside = clampIntoWorkArea(bounds, bounds, display.workArea)
      if (inside.x !== bounds.x || inside.y !== bounds.y) window.setPosition(inside.x, inside.y)
      this.file = { positions: rememberPosition(this.file.positions, bounds, displays) }
      this.store.save(this.file).catch((error: unknown) => this.logger.warn('could not keep the call bar position', { error }))
    }, MOVE_SETTLE_MS)
  }
}
