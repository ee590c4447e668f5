import { toDisposable, type Disposable } from './lifecycle'

type Callbacks = object

/**
 * Fans one callbacks interface out to any number of subscribers, each implementing as many of
 * its methods as it cares about. `emit` has the full interface and calls every subscriber's
 * method of the same name, so a producer written against a single callbacks object (LiveSession's
 * events) gains subscribers without changing how it calls them, and an event kind added to the
 * interface later needs no change here. A subscriber that throws is reported through
 * `onListenerError`; the others still hear the event.
 */
export class ListenerSet<T extends Callbacks> {
  private readonly subscribers = new Set<{ readonly target: Partial<T> }>()
  readonly emit: T

  constructor(onListenerError: (error: unknown, method: string) => void) {
    const fire = (method: string, args: unknown[]) => {
      for (const { target } of [...this.subscribers]) {
        const handler = (target as Record<string, unknown>)[method]
        if (typeof handler !== 'function') continue
        try {
          handler.apply(target, args)
        } catch (error) {
          onListenerError(error, method)
        }
      }
    }
    this.emit = new Proxy({} as T, {
      get: (_target, method) => (typeof method === 'string' ? (...args: unknown[]) => fire(method, args) : undefined),
    })
  }

  /** How many subscribers there are (the leak tests count these). */
  get size(): number {
    return this.subscribers.size
  }

  /** Subscribes until the returned Disposable is disposed; the same object twice is two subscriptions. */
  subscribe(subscriber: Partial<T>): Disposable {
    const entry = { target: subscriber }
    this.subscribers.add(entry)
    return toDisposable(() => this.subscribers.delete(entry))
  }
}
