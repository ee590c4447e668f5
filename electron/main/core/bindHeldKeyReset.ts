import { DisposableStore, type Disposable } from './lifecycle'
import type { Logger, PowerSource, PushToTalkSource } from './ports'

/**
 * Lock, unlock, suspend and resume forget which keys the hotkey thinks are held: key-ups that
 * happen across them never reach a global hook (the Windows lock screen eats Win+L's), and one
 * stale "held" modifier would stop the chord from ever matching again. Kept apart from
 * `bindPowerEvents`, which drives the session, so either can change alone. Disposing the result unbinds.
 */
export function bindHeldKeyReset(power: PowerSource, pushToTalk: Pick<PushToTalkSource, 'resetHeldKeys'>, logger: Logger): Disposable {
  const reset = (event: string) => () => {
    logger.info(`push-to-talk: held keys reset on ${event}`)
    pushToTalk.resetHeldKeys()
  }
  const bindings = new DisposableStore()
  for (const event of ['lock', 'unlock', 'suspend', 'resume'] as const) bindings.add(power.on(event, reset(event)))
  return bindings
}
