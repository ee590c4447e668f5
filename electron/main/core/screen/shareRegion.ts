import type { Notice } from '../../../../shared/notice'
import { desktopRectToFrame, type FrameArea } from '../media/privacyGeometry'
import type { ShareTarget } from '../media/privacyGate'
import type { DesktopDisplay, Rect, RegionOutline, RegionPicker } from '../ports'
import { regionProblem } from './regionRules'

/** What "Share a region" came to: the region now shared, or why nothing changed (a notice the edges word from `notices.<code>`). */
export type RegionChoice = { region: Rect; note: null } | { region: null; note: Notice }

/** The crop for one frame: none (no region), the crop in frame pixels, or hold the frame (the region cannot be placed in it). */
export type RegionCrop = { kind: 'none' } | { kind: 'crop'; rect: Rect } | { kind: 'hold' }

export interface ShareRegionOptions {
  picker: RegionPicker
  outline: RegionOutline
  /** The displays as last seen (the privacy gate's newest look). */
  displays: () => readonly DesktopDisplay[]
  /** What is shared now; null when nothing is. */
  target: () => ShareTarget | null
  /**
   * The region no longer fits after a display change: sharing must stop, and the user reads why
   * (`code`, worded from the catalogue's `errors`; `message` is English for the log).
   */
  stopSharing: (code: 'SHARE_STOPPED' | 'SHARE_STOPPED_DISPLAY_GONE', message: string) => void
}

/**
 * "Share a region" (issue 15, item 2): while a display is shared, the user drags a rectangle on
 * it; frames are then cropped to it before scaling, so its text reaches the model sharp (a
 * 900×600 region goes at its own resolution) and outside changes do not send frames. An outline
 * shows it while sharing. A region under 32 px or off the screen is refused; after a display
 * change it is kept if it still fits, else sharing stops and says why.
 */
export class ShareRegion {
  private region: Rect | null = null
  private displayId: string | null = null
  private isPicking = false

  constructor(private readonly options: ShareRegionOptions) {}

  /** The shared region (desktop DIP), or null for the whole source. */
  get current(): Rect | null {
    return this.region
  }

  /**
   * Opens the picker on the shared display, showing the region already shared there so the user
   * can move it (drag it, or the arrow keys) or draw a new one; either replaces the old under the
   * same rules (at least 32 px, wholly on the display). Esc keeps what was shared.
   */
  async select(): Promise<RegionChoice> {
    const target = this.options.target()
    if (target?.kind !== 'screen') return { region: null, note: { code: 'REGION_NEEDS_SCREEN' } }
    if (this.isPicking) return { region: null, note: { code: 'REGION_PICKING' } }
    const display = this.options.displays().find((d) => d.id === target.displayId)
    if (!display) return { region: null, note: { code: 'REGION_SCREEN_MISSING' } }
    this.isPicking = true
    let picked: Rect | null
    try {
      const current = this.region !== null && this.displayId === display.id ? this.region : undefined
      picked = await this.options.picker.pick(display, current)
    } finally {
      this.isPicking = false
    }
    if (picked === null) return { region: null, note: { code: 'REGION_NOT_CHANGED' } }
    // Sharing may have stopped or moved while the user drew.
    const now = this.options.target()
    if (now?.kind !== 'screen' || now.displayId !== display.id) return { region: null, note: { code: 'REGION_SHARING_CHANGED' } }
    const problem = regionProblem(picked, display)
    if (problem) return { region: null, note: problem }
    this.region = picked
    this.displayId = display.id
    this.options.outline.show(display, picked)
    return { region: picked, note: null }
  }

  /** Back to the whole screen. */
  clear(): void {
    this.region = null
    this.displayId = null
    this.options.outline.hide()
  }

  /** The displays changed (added, removed, resolution, scale): keep the region if it still fits, else stop sharing and say why. */
  displaysChanged(displays: readonly DesktopDisplay[]): void {
    if (this.region === null) return
    const display = displays.find((d) => d.id === this.displayId)
    const problem = regionProblem(this.region, display)
    if (problem === null) {
      this.options.outline.show(display!, this.region)
      return
    }
    this.clear()
    if (display) this.options.stopSharing('SHARE_STOPPED', 'Sharing stopped: the shared region no longer fits on its screen after the display changed.')
    else this.options.stopSharing('SHARE_STOPPED_DISPLAY_GONE', 'Sharing stopped: the screen with the shared region was disconnected.')
  }

  /** The crop for a `frameWidth`×`frameHeight` frame showing `area` (null: unknown or paused). */
  crop(area: FrameArea | null, frameWidth: number, frameHeight: number): RegionCrop {
    if (this.region === null) return { kind: 'none' }
    // Sending the whole screen when the user chose a part of it would show more than they meant.
    if (area === null) return { kind: 'hold' }
    const rect = desktopRectToFrame(this.region, area, frameWidth, frameHeight)
    return rect ? { kind: 'crop', rect } : { kind: 'hold' }
  }
}
