import type { Clock, Logger, TimerHandle } from '../ports'

/** Release channels: stable gets releases only; beta also gets prereleases (`-beta.N` versions). */
export type UpdateChannel = 'stable' | 'beta'

/** What the tray and the window show about updates. */
export interface UpdateState {
  /** `off`: not checking (development build, or the organisation turned updates off). `ready`: "Restart to update". */
  status: 'off' | 'idle' | 'checking' | 'downloading' | 'ready'
  channel: UpdateChannel
  /** The version found or downloaded. */
  version: string | null
  /** Why updates are off, as a code the edges word (settings.updates.offReason); null when no one turned them off. */
  reason: UpdateOffReason | null
}

/** Why updates are off: the organisation's token service said so (tokenServiceWire.ts `policy.autoUpdate`), or this build has no updater (development, harness). */
export type UpdateOffReason = 'ORGANISATION_POLICY' | 'BUILD_DOES_NOT_UPDATE'

/**
 * The update mechanism (electron-updater in production: platform/electronAppUpdater.ts).
 * `check` looks at the feed for the channel; when a newer version is found (and the user is
 * inside its staged rollout) the download starts in the background and `check` resolves with
 * the version. It rejects when the feed cannot be reached or read.
 */
export interface Updater {
  check(channel: UpdateChannel): Promise<{ version: string } | null>
  /** Called once the download finished and its checksum (and signature, where the platform has one) passed. */
  onDownloaded(listener: (version: string) => void): void
  /** Quits and installs the downloaded update, then starts the new version. */
  quitAndInstall(): void
}

/** Whether checking is allowed now: `unknown` waits (managed mode before the organisation's policy is known). */
export type UpdatePermission = { kind: 'allowed' } | { kind: 'denied'; reason: UpdateOffReason } | { kind: 'unknown' }

export interface AutoUpdateTimings {
  /** After startup, so the first check does not compete with the first session. */
  firstCheckMs: number
  /** Between successful checks. */
  everyMs: number
  /** After a failed check (offline, feed down): quiet, then retried; doubles up to `everyMs`. */
  retryMs: number
}

export const DEFAULT_UPDATE_TIMINGS: AutoUpdateTimings = { firstCheckMs: 10_000, everyMs: 4 * 60 * 60_000, retryMs: 15 * 60_000 }

/**
 * When to check for updates and what to tell the user. Updates download in the background and
 * install on quit; once one is ready the tray and the window offer "Restart to update". A failed
 * check is logged quietly and retried later with a growing pause (one timer at a time: nothing
 * loops). Off when the organisation's policy says so.
 */
export class AutoUpdateService {
  private current: UpdateState
  private timer: TimerHandle | null = null
  private failures = 0
  private isStopped = false
  private readonly timings: AutoUpdateTimings

  constructor(
    private readonly deps: {
      updater: Updater
      clock: Clock
      logger: Logger
      permission: () => UpdatePermission
      channel: () => UpdateChannel
      onState: (state: UpdateState) => void
      timings?: Partial<AutoUpdateTimings>
    },
  ) {
    this.timings = { ...DEFAULT_UPDATE_TIMINGS, ...deps.timings }
    this.current = { status: 'idle', channel: deps.channel(), version: null, reason: null }
    deps.updater.onDownloaded((version) => this.setState({ status: 'ready', version, reason: null }))
  }

  get state(): UpdateState {
    return { ...this.current }
  }

  /** Schedules the first check. */
  start(): void {
    this.isStopped = false
    this.schedule(this.timings.firstCheckMs)
  }

  stop(): void {
    this.isStopped = true
    this.clearTimer()
  }

  /** Checks now (also what the timer runs); never rejects. */
  async checkNow(): Promise<UpdateState> {
    this.clearTimer()
    if (this.current.status === 'ready' || this.current.status === 'checking' || this.current.status === 'downloading') return this.state
    const permission = this.deps.permission()
    if (permission.kind === 'denied') {
      this.setState({ status: 'off', version: null, reason: permission.reason })
      return this.state
    }
    if (permission.kind === 'unknown') {
      this.schedule(this.timings.retryMs)
      return this.state
    }
    const channel = this.deps.channel()
    this.setState({ status: 'checking', channel, reason: null })
    try {
      const found = await this.deps.updater.check(channel)
      this.failures = 0
      // The download may have finished while the check was still settling.
      if (this.status() === 'ready') return this.state
      this.setState(found ? { status: 'downloading', version: found.version } : { status: 'idle', version: null })
      this.schedule(this.timings.everyMs)
    } catch (error) {
      this.failures += 1
      const delay = Math.min(this.timings.retryMs * 2 ** (this.failures - 1), this.timings.everyMs)
      this.deps.logger.info('update check failed; trying again later', { error: String((error as Error)?.message ?? error), retryInMs: delay })
      if (this.status() === 'checking') this.setState({ status: 'idle' })
      this.schedule(delay)
    }
    return this.state
  }

  /** "Restart to update": only once an update is downloaded and verified. Returns false otherwise. */
  restartToUpdate(): boolean {
    if (this.current.status !== 'ready') return false
    this.deps.updater.quitAndInstall()
    return true
  }

  /** Read through a method: it changes while a check is awaited. */
  private status(): UpdateState['status'] {
    return this.current.status
  }

  private schedule(ms: number): void {
    this.clearTimer()
    if (this.isStopped) return
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null
      void this.checkNow()
    }, ms)
  }

  private clearTimer(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private setState(patch: Partial<UpdateState>): void {
    const next = { ...this.current, ...patch }
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    this.deps.onState(this.state)
  }
}
