import type { Disposable } from '../lifecycle'

/** `user-active`: a sign of a person at the machine (one of our windows was focused). */
export type PowerEvent = 'suspend' | 'resume' | 'lock' | 'unlock' | 'online' | 'offline' | 'user-active'

/** Sleep, wake, screen lock, network reachability, and signs the user is at the machine. */
export interface PowerSource {
  /** Listens for one event until the returned Disposable is disposed. */
  on(event: PowerEvent, listener: () => void): Disposable
  isOnline(): boolean
}
