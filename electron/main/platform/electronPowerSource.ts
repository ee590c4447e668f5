import { app, net, powerMonitor } from 'electron'
import type { PowerEvent, PowerSource } from '../core/ports'

const POLL_ONLINE_MS = 5_000

/**
 * Sleep, wake and screen lock from powerMonitor; reachability by polling net.isOnline; and
 * `user-active` when one of our windows gains focus (app `browser-window-focus`), which only a
 * person at an awake, unlocked machine can cause.
 */
export class ElectronPowerSource implements PowerSource {
  private online = net.isOnline()
  private readonly onlineListeners = new Set<{ event: 'online' | 'offline'; listener: () => void }>()
  private readonly poll = setInterval(() => {
    const now = net.isOnline()
    if (now === this.online) return
    this.online = now
    for (const l of this.onlineListeners) if (l.event === (now ? 'online' : 'offline')) l.listener()
  }, POLL_ONLINE_MS)

  on(event: PowerEvent, listener: () => void): () => void {
    if (event === 'user-active') {
      app.on('browser-window-focus', listener)
      return () => app.removeListener('browser-window-focus', listener)
    }
    if (event === 'online' || event === 'offline') {
      const entry = { event, listener }
      this.onlineListeners.add(entry)
      return () => this.onlineListeners.delete(entry)
    }
    const electronEvent = { suspend: 'suspend', resume: 'resume', lock: 'lock-screen', unlock: 'unlock-screen' }[event] as
      | 'suspend'
      | 'resume'
      | 'lock-screen'
      | 'unlock-screen'
    powerMonitor.on(electronEvent as 'suspend', listener)
    return () => powerMonitor.removeListener(electronEvent as 'suspend', listener)
  }

  isOnline(): boolean {
    return this.online
  }

  dispose(): void {
    clearInterval(this.poll)
  }
}
