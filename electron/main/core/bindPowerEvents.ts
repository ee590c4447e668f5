import { DisposableStore, toDisposable, type Disposable } from './lifecycle'
import type { Clock, Logger, PowerSource } from './ports'
import { SuspendWatch, type SuspendWatchOptions } from './suspendWatch'

/** What the power events drive; the Assistant in the app. */
export interface Suspendable {
  suspend(): Promise<void>
  resume(): Promise<void>
  /**
   * Signs of a person at the machine (push-to-talk pressed, a microphone chunk), as `what`
   * happened, until the returned Disposable is disposed. Optional: without it only window focus counts.
   */
  onUserActivity?(listener: (what: string) => void): Disposable
}

/**
 * Sleep and screen lock end the stream cleanly (the handle is kept); wake, unlock and a network
 * coming back resume it. A suspend that never gets its resume (issue 13.11) is resumed anyway
 * once the machine is plainly awake ({@link SuspendWatch}, timed on `options.clock`). Disposing
 * the result unbinds every listener and stops the watch.
 */
export function bindPowerEvents(
  power: PowerSource,
  target: Suspendable,
  logger: Logger,
  options: { clock: Clock; watch?: Partial<SuspendWatchOptions> },
): Disposable {
  const run = (what: string, action: () => Promise<void>) => () => {
    logger.info(`power: ${what}`)
    void action().catch((error: unknown) => logger.warn(`power: ${what} failed`, { error }))
  }
  const bindings = new DisposableStore()
  const watch = new SuspendWatch({
    clock: options.clock,
    isOnline: () => power.isOnline(),
    onAwake: (why) => run(`awake after a suspend with no resume: ${why}`, () => target.resume())(),
    options: options.watch,
  })
  bindings.add(toDisposable(() => watch.dispose()))
  bindings.add(
    power.on('suspend', () => {
      watch.noteSuspend()
      run('suspend', () => target.suspend())()
    }),
  )
  bindings.add(
    power.on('lock', () => {
      watch.noteLock()
      run('lock', () => target.suspend())()
    }),
  )
  bindings.add(
    power.on('resume', () => {
      watch.noteResume()
      run('resume', () => target.resume())()
    }),
  )
  bindings.add(
    power.on('unlock', () => {
      watch.noteUnlock()
      run('unlock', () => target.resume())()
    }),
  )
  bindings.add(
    power.on('online', () => {
      watch.noteResume()
      run('online', () => target.resume())()
    }),
  )
  bindings.add(power.on('user-active', () => watch.noteUserActive('a window was focused')))
  if (target.onUserActivity) bindings.add(target.onUserActivity((what) => watch.noteUserActive(what)))
  return bindings
}
