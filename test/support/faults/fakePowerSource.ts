import { EventEmitter } from 'node:events'
import { toDisposable, type Disposable } from '../../../electron/main/core/lifecycle'
import type { PowerEvent, PowerSource } from '../../../electron/main/core/ports'

/** The OS's sleep, wake, lock and network signals, fired by the test. */
export class FakePowerSource implements PowerSource {
  private readonly emitter = new EventEmitter()
  online = true

  on(event: PowerEvent, listener: () => void): Disposable {
    this.emitter.on(event, listener)
    return toDisposable(() => this.emitter.off(event, listener))
  }

  isOnline(): boolean {
    return this.online
  }

  emit(event: PowerEvent): void {
    if (event === 'online' || event === 'offline') this.online = event === 'online'
    this.emitter.emit(event)
  }

  get listenerCount(): number {
    return this.emitter.eventNames().reduce((n, name) => n + this.emitter.listenerCount(name), 0)
  }
}
