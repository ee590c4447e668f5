import { toDisposable, type Disposable } from './lifecycle'

/** Subscribes a listener; the returned Disposable unsubscribes it (VS Code's `Event<T>`). */
export type Event<T> = (listener: (value: T) => void) => Disposable

/**
 * A typed event any number of listeners can subscribe to (VS Code's `Emitter`, in
 * `base/common/event.ts`). A listener that throws is reported through `onListenerError` and does
 * not stop the others; one added during a fire hears the next fire, not this one.
 */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>()
  private disposed = false

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => queueMicrotask(() => { throw error })) {}

  /** How many listeners are subscribed (the leak tests count these). */
  get listenerCount(): number {
    return this.listeners.size
  }

  /** Subscribes; after {@link dispose}, subscribing does nothing and returns a no-op Disposable. */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return toDisposable(() => {})
    // Wrapped, so the same function subscribed twice is two subscriptions, each removed by its own Disposable.
    const entry = (value: T) => listener(value)
    this.listeners.add(entry)
    return toDisposable(() => this.listeners.delete(entry))
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value)
      } catch (error) {
        this.onListenerError(error)
      }
    }
  }

  /** Drops every listener; later fires and subscriptions do nothing. */
  dispose(): void {
    this.disposed = true
    this.listeners.clear()
  }
}
