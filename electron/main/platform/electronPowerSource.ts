import { app, net, powerMonitor } from 'electron'
import { toDisposable, type Disposable } from '../core/lifecycle'
import type { PowerEvent, PowerSource } from '../core/ports'

const POLL_ONLINE_MS = 5_000

const POWER_MONITOR_EVENT = { suspend: 'suspend', resume: 'resume', lock: 'lock-screen', unlock: 'unlock-screen' } as const

/**
 * Sleep, wake and screen lock from powerMonitor; reachability by polling net.isOnline (Electron
 * has no online event in main); and `user-active` when one of our windows gains focus (app
 * `browser-window-focus`), which only a person at an awake, unlocked machine can cause.
 * Disposing it stops the poll; its owner (index.ts) holds it.
 */
export class ElectronPowerSource implements PowerSource, Disposable {
  private online = net.isOnline()
  private readonly onlineListeners = new Set<{ event: 'online' | 'offline'; listener: () => void }>()
  private readonly poll = setInterval(() => {
    const now = net.isOnline()
    if (now === this.online) return
    this.online = now
    for (const l of [...this.onlineListeners]) if (l.event === (now ? 'online' : 'offline')) l.listener()
  }, POLL_ONLINE_MS)

  on(event: PowerEvent, listener: () => void): Disposable {
    if (event === 'user-active') {
      app.on('browser-window-focus', listener)
      return toDisposable(() => app.removeListener('browser-window-focus', listener))
    }
    if (event === 'online' || event === 'offline') {
      const entry = { event, listener }
      this.onlineListeners.add(entry)
      return toDisposable(() => this.onlineListeners.delete(entry))
    }
    const name = POWER_MONITOR_EVENT[event]
    powerMonitor.on(name as 'suspend', listener)
    return toDisposable(() => powerMonitor.removeListener(name as 'suspend', listener))
  }

  isOnline(): boolean {
    return this.online
  }

  dispose(): void {
    clearInterval(this.poll)
    this.onlineListeners.clear()
  }
}
