import type { Logger, PowerSource } from './ports'

/** What the power events drive; the Assistant in the app. */
export interface Suspendable {
  suspend(): Promise<void>
  resume(): Promise<void>
}

/**
 * Sleep and screen lock end the stream cleanly (the handle is kept); wake, unlock and a network
 * coming back resume it. Returns a function that unbinds everything.
 */
export function bindPowerEvents(power: PowerSource, target: Suspendable, logger: Logger): () => void {
  const run = (what: string, action: () => Promise<void>) => () => {
    logger.info(`power: ${what}`)
    void action().catch((error: unknown) => logger.warn(`power: ${what} failed`, { error: String(error) }))
  }
  const offs = [
    power.on('suspend', run('suspend', () => target.suspend())),
    power.on('lock', run('lock', () => target.suspend())),
    power.on('resume', run('resume', () => target.resume())),
    power.on('unlock', run('unlock', () => target.resume())),
    power.on('online', run('online', () => target.resume())),
  ]
  return () => offs.forEach((off) => off())
}
