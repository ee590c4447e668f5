import type { Clock, Logger, PowerSource } from './ports'
import { SuspendWatch, type SuspendWatchOptions } from './suspendWatch'
import { systemClock } from './systemClock'

/** What the power events drive; the Assistant in the app. */
export interface Suspendable {
  suspend(): Promise<void>
  resume(): Promise<void>
  /**
   * Signs of a person at the machine (push-to-talk pressed, a microphone chunk), as `what`
   * happened; returns the unsubscribe. Optional: without it only window focus counts.
   */
  onUserActivity?(listener: (what: string) => void): () => void
}

/**
 * Sleep and screen lock end the stream cleanly (the handle is kept); wake, unlock and a network
 * coming back resume it. A suspend that never gets its resume (issue 13.11) is resumed anyway
 * once the machine is plainly awake ({@link SuspendWatch}). Returns a function that unbinds
 * everything.
 */
export function bindPowerEvents(
  power: PowerSource,
  target: Suspendable,
  logger: Logger,
  options: { clock?: Clock; watch?: Partial<SuspendWatchOptions> } = {},
): () => void {
  const run = (what: string, action: () => Promise<void>) => () => {
    logger.info(`power: ${what}`)
    void action().catch((error: unknown) => logger.warn(`power: ${what} failed`, { error: String(error) }))
  }
  const watch = new SuspendWatch({
    clock: options.clock ?? systemClock,
    isOnline: () => power.isOnline(),
    onAwake: (why) => run(`awake after a suspend with no resume: ${why}`, () => target.resume())(),
    options: options.watch,
  })
  const offs = [
    power.on('suspend', () => {
      watch.noteSuspend()
      run('suspend', () => target.suspend())()
    }),
    power.on('lock', () => {
      watch.noteLock()
      run('lock', () => target.suspend())()
    }),
    power.on('resume', () => {
      watch.noteResume()
      run('resume', () => target.resume())()
    }),
    power.on('unlock', () => {
      watch.noteUnlock()
      run('unlock', () => target.resume())()
    }),
    power.on('online', () => {
      watch.noteResume()
      run('online', () => target.resume())()
    }),
    power.on('user-active', () => watch.noteUserActive('a window was focused')),
    target.onUserActivity?.((what) => watch.noteUserActive(what)) ?? (() => {}),
  ]
  return () => {
    watch.dispose()
    offs.forEach((off) => off())
  }
}
