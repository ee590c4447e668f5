import type { OpenWindow, PrivacySettings } from '../../../../shared/privacySettings'
import { CodedError } from '../../../../shared/codedError'
import type { SharePause } from '../../../../shared/sharePause'
import type { Clock, DesktopSnapshot, FrameEncoder, Logger, Rect, TimerHandle, ValidRgbaFrame, WindowSource } from '../ports'
import { desktopRectToFrame, rectsOverlap, type FrameArea } from './privacyGeometry'
import { fillRegions } from './privacyMask'
import { WindowMatcher } from './windowMatcher'

/** What is being shared: a display (desktopCapturer's `display_id`), one window (its native id), or unknown (Wayland's portal, a browser tab). */
export type ShareTarget = { kind: 'screen'; displayId: string } | { kind: 'window'; windowId: string } | { kind: 'unknown' }

/** The gate's answer for one look at the desktop: pause (with why, as a notice the edges word), or send with these regions covered. */
export type PrivacyVerdict =
  | { kind: 'pause'; pause: SharePause }
  | { kind: 'send'; fills: Rect[]; blurs: Rect[] }

/** How often the desktop is looked at between frames while sharing, so a pause shows (and shuts the wire) without waiting for a frame. */
export const PRIVACY_WATCH_MS = 250

/** A window list that has not answered by then is a failure: sharing pauses rather than wait on it. */
export const WINDOW_LIST_TIMEOUT_MS = 1_000

/** What the newest look found the frame shows: its desktop area (null when unknown) and the displays. */
interface Shown {
  area: FrameArea | null
  displays: DesktopSnapshot['displays']
}

export interface PrivacyGateOptions {
  windows: WindowSource
  /** Blurs chosen windows (sharp); an encoder without `blurRegions` gets them filled instead. */
  encoder: FrameEncoder | Pick<FrameEncoder, 'blurRegions'>
  settings: () => PrivacySettings
  clock: Clock
  logger: Logger
  watchMs?: number
}

/**
 * The privacy check every screen frame passes in main before it is encoded (ARCHITECTURE.md §5):
 * Sightline's own windows are filled with a neutral grey, windows the user chose are blurred, and
 * while an excluded window is in front or visible in what is shared, no frame goes at all. Any
 * doubt (the window list fails, the shared screen or window cannot be found, a rule cannot be
 * read) pauses too. While sharing it also looks every {@link PRIVACY_WATCH_MS}, so
 * {@link isOpen} (read at the wire by the input pump, for held and replayed frames) closes
 * between frames, and the pause shows at once.
 */
export class PrivacyGate {
  private target: ShareTarget | null = null
  private verdict: PrivacyVerdict | null = null
  private shown: Shown = { area: null, displays: [] }
  private pause: SharePause | null = null
  private watchTimer: TimerHandle | null = null
  private generation = 0
  /** Looks started, and the newest one whose verdict was applied: an older look finishing late must not undo a newer one. */
  private looksStarted = 0
  private newestApplied = 0
  /** The newest frame's size, so looks between frames place regions as a frame would. */
  private frameSize = { width: 1, height: 1 }
  private compiled: { from: PrivacySettings; excluded: WindowMatcher; blurred: WindowMatcher } | null = null
  private readonly listeners = new Set<(pause: SharePause | null) => void>()

  constructor(private readonly options: PrivacyGateOptions) {}

  /** True only while sharing and the newest look found nothing to pause for. */
  get isOpen(): boolean {
    return this.target !== null && this.verdict?.kind === 'send'
  }

  /** What the newest look found the frame shows on the desktop (for the pointer ring and `point_at`); null while paused or unknown. */
  get frameArea(): FrameArea | null {
    return this.isOpen ? this.shown.area : null
  }

  /** The displays as the newest look saw them. */
  get displays(): DesktopSnapshot['displays'] {
    return this.shown.displays
  }

  /** Why frames are held back (SHARE_PAUSED_IN_FRONT with `{ window: '1Password' }`), or null while frames may flow (or nothing is shared). */
  get pauseNotice(): SharePause | null {
    return this.pause
  }

  /** Called with the new pause (null when sharing resumed) whenever it changes. */
  onChange(listener: (pause: SharePause | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * The windows open now, one entry per app and title (sorted, titles cut at 500 characters), for
   * the user to pick which to blur or pause for. Rejects with WINDOW_LIST_UNAVAILABLE and the reason.
   */
  async listOpenWindows(): Promise<OpenWindow[]> {
    let snapshot: DesktopSnapshot
    try {
      snapshot = await this.snapshotInTime()
    } catch (error) {
      throw new CodedError('WINDOW_LIST_UNAVAILABLE', `Sightline cannot read the list of open windows here: ${(error as Error).message}`)
    }
    const seen = new Map<string, OpenWindow>()
    for (const w of snapshot.windows) {
      const entry = { appName: w.appName.slice(0, 200), title: w.title.slice(0, 500) }
      if (entry.appName || entry.title) seen.set(`${entry.appName}\n${entry.title}`, entry)
    }
    return [...seen.values()].sort((a, b) => a.appName.localeCompare(b.appName) || a.title.localeCompare(b.title))
  }

  /** Sharing started (or switched) to `target`: closed until the first look, then watched. */
  start(target: ShareTarget): void {
    this.stop()
    this.target = target
    this.frameSize = { width: 1, height: 1 }
    this.scheduleWatch(0)
  }

  /** Sharing ended: closed, no more looks. */
  stop(): void {
    this.generation++
    if (this.watchTimer) this.options.clock.clearTimeout(this.watchTimer)
    this.watchTimer = null
    this.target = null
    this.verdict = null
    this.shown = { area: null, displays: [] }
    this.setPause(null)
  }

  /**
   * Looks at the desktop for this frame and covers what must not be seen. Resolves the frame to
   * encode (the same pixels, masked and blurred in place), or null while paused. Never
   * rejects: a failure to look or to blur is a pause.
   */
  async pass(frame: ValidRgbaFrame): Promise<ValidRgbaFrame | null> {
    if (this.target === null) return null
    this.frameSize = { width: frame.width, height: frame.height }
    const verdict = await this.look(frame.width, frame.height)
    if (verdict?.kind !== 'send') return null
    try {
      let out = frame
      if (verdict.blurs.length > 0) {
        if (this.options.encoder.blurRegions) out = await this.options.encoder.blurRegions(frame, verdict.blurs)
        else fillRegions(out, verdict.blurs)
      }
      fillRegions(out, verdict.fills)
      // The desktop may have changed while blurring: the newest look decides.
      return this.isOpen ? out : null
    } catch (error) {
      this.options.logger.warn('privacy mask failed', { error })
      this.apply({ kind: 'pause', pause: { code: 'SHARE_PAUSED_MASK_FAILED' } })
      return null
    }
  }

  /**
   * One look at the desktop for a `frameWidth`×`frameHeight` frame. Pure decision over the
   * snapshot (see {@link decidePrivacy}); a snapshot that fails is a pause. Null when sharing
   * stopped or switched while it looked: nothing may be sent, and nothing is applied.
   */
  private async look(frameWidth: number, frameHeight: number): Promise<PrivacyVerdict | null> {
    const generation = this.generation
    const sequence = ++this.looksStarted
    const { verdict, shown } = await this.decide(frameWidth, frameHeight)
    if (generation !== this.generation) return null
    // Looks overlap (the watch and a frame): one that started before the newest applied is stale,
    // and may only add a pause for its own frame, never lift one.
    if (sequence < this.newestApplied) return this.verdict?.kind === 'pause' ? this.verdict : verdict
    this.newestApplied = sequence
    this.apply(verdict)
    if (shown) this.shown = shown
    return verdict
  }

  /** The verdict, and (when the window list answered) what the frame shows for the pointer ring and `point_at`. */
  private async decide(frameWidth: number, frameHeight: number): Promise<{ verdict: PrivacyVerdict; shown: Shown | null }> {
    let rules: { excluded: WindowMatcher; blurred: WindowMatcher }
    try {
      rules = this.rules()
    } catch (error) {
      this.options.logger.warn('privacy rule unreadable', { error })
      return { verdict: { kind: 'pause', pause: { code: 'SHARE_PAUSED_RULE_UNREADABLE' } }, shown: null }
    }
    let snapshot: DesktopSnapshot
    try {
      snapshot = await this.snapshotInTime()
    } catch (error) {
      this.options.logger.warn('window list failed', { error })
      return { verdict: { kind: 'pause', pause: { code: 'SHARE_PAUSED_WINDOWS_UNKNOWN' } }, shown: null }
    }
    const target = this.target ?? { kind: 'unknown' }
    const verdict = decidePrivacy(snapshot, target, rules, frameWidth, frameHeight)
    const area = verdict.kind === 'send' ? frameArea(snapshot, target, frameWidth, frameHeight) : null
    return { verdict, shown: { area: area === 'missing' ? null : area, displays: snapshot.displays } }
  }

  /** The window list, or a rejection when it has not answered within {@link WINDOW_LIST_TIMEOUT_MS}. */
  private snapshotInTime(): Promise<DesktopSnapshot> {
    const { clock, windows } = this.options
    return new Promise((resolve, reject) => {
      const timer = clock.setTimeout(() => reject(new Error(`the window list did not answer within ${WINDOW_LIST_TIMEOUT_MS} ms`)), WINDOW_LIST_TIMEOUT_MS)
      windows.snapshot().then(
        (snapshot) => (clock.clearTimeout(timer), resolve(snapshot)),
        (error: unknown) => (clock.clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
      )
    })
  }

  private rules(): { excluded: WindowMatcher; blurred: WindowMatcher } {
    const settings = this.options.settings()
    if (this.compiled?.from !== settings) {
      this.compiled = {
        from: settings,
        excluded: new WindowMatcher(settings.excluded, 'PRIVATE_WINDOW'),
        blurred: new WindowMatcher(settings.blurred, 'BLURRED_WINDOW'),
      }
    }
    return this.compiled
  }

  private apply(verdict: PrivacyVerdict): void {
    this.verdict = verdict
    this.setPause(verdict.kind === 'pause' ? verdict.pause : null)
  }

  private setPause(pause: SharePause | null): void {
    if (samePause(pause, this.pause)) return
    this.pause = pause
    if (pause) this.options.logger.info('sharing paused', { pause })
    for (const listener of this.listeners) listener(pause)
  }

  private scheduleWatch(delayMs: number): void {
    const generation = this.generation
    this.watchTimer = this.options.clock.setTimeout(() => {
      void this.look(this.frameSize.width, this.frameSize.height).finally(() => {
        if (generation === this.generation) this.scheduleWatch(this.options.watchMs ?? PRIVACY_WATCH_MS)
      })
    }, delayMs)
  }
}

/**
 * The privacy decision for one snapshot of the desktop, pure. Pauses (in this order) when the
 * window in front is excluded, when the shared screen or window is not found, when an excluded
 * window overlaps what is shared (or anywhere, when what is shared is unknown), and when a window
 * to blur is visible but cannot be placed in the frame. Otherwise: Sightline's own windows as
 * fills, chosen windows as blurs, both in frame pixels.
 */
export function decidePrivacy(
  snapshot: DesktopSnapshot,
  target: ShareTarget,
  rules: { excluded: WindowMatcher; blurred: WindowMatcher },
  frameWidth: number,
  frameHeight: number,
): PrivacyVerdict {
  const front = snapshot.frontmostId === null ? null : snapshot.windows.find((w) => w.id === snapshot.frontmostId)
  const frontHit = front ? rules.excluded.match(front) : null
  if (frontHit) return { kind: 'pause', pause: { code: 'SHARE_PAUSED_IN_FRONT', params: frontHit.label } }

  const area = frameArea(snapshot, target, frameWidth, frameHeight)
  if (area === 'missing') {
    return { kind: 'pause', pause: { code: target.kind === 'window' ? 'SHARE_PAUSED_WINDOW_MISSING' : 'SHARE_PAUSED_SCREEN_MISSING' } }
  }
  for (const window of snapshot.windows) {
    const hit = rules.excluded.match(window)
    if (hit && (area === null || rectsOverlap(window.bounds, area.bounds))) {
      return { kind: 'pause', pause: { code: 'SHARE_PAUSED_ON_SCREEN', params: hit.label } }
    }
  }
  const blurs: Rect[] = []
  for (const window of snapshot.windows) {
    if (target.kind === 'window' && window.id === target.windowId) continue
    const hit = rules.blurred.match(window)
    if (!hit) continue
    if (area === null) return { kind: 'pause', pause: { code: 'SHARE_PAUSED_BLUR_UNPLACED', params: window.appName ? { window: window.appName.slice(0, 200) } : hit.label } }
    const region = desktopRectToFrame(window.bounds, area, frameWidth, frameHeight)
    if (region) blurs.push(region)
  }
  // Without a known area Sightline's own windows cannot be placed; content protection still hides them.
  const fills = area === null ? [] : snapshot.ownWindows.flatMap((rect) => desktopRectToFrame(rect, area, frameWidth, frameHeight) ?? [])
  return { kind: 'send', fills, blurs }
}

/** True when two pauses say the same (the same code and window), so listeners hear only changes. */
function samePause(a: SharePause | null, b: SharePause | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The desktop area the frame shows; 'missing' when the shared thing is gone, null when unknown. */
function frameArea(snapshot: DesktopSnapshot, target: ShareTarget, frameWidth: number, frameHeight: number): FrameArea | 'missing' | null {
  if (target.kind === 'screen') {
    const display = snapshot.displays.find((d) => d.id === target.displayId)
    return display ? { bounds: display.bounds, scaleFactor: display.scaleFactor } : 'missing'
  }
  if (target.kind === 'window') {
    const window = snapshot.windows.find((w) => w.id === target.windowId)
    if (!window) return 'missing'
    const display = snapshot.displays.find((d) => rectsOverlap(d.bounds, window.bounds))
    return { bounds: window.bounds, scaleFactor: display?.scaleFactor ?? 1 }
  }
  // Unknown (the system's own picker): with one display and a frame of its shape, it is that display.
  const only = snapshot.displays.length === 1 ? snapshot.displays[0]! : null
  if (only && Math.abs(only.bounds.width / only.bounds.height - frameWidth / frameHeight) < 0.01) {
    return { bounds: only.bounds, scaleFactor: only.scaleFactor }
  }
  return null
}
