/**
 * One disposal vocabulary, modelled on VS Code's `src/vs/base/common/lifecycle.ts`: whatever
 * listens, binds, registers or starts a timer returns a {@link Disposable}, and its owner holds
 * it (alone, in a {@link DisposableStore}, or in a {@link MutableDisposable} slot it replaces).
 * See docs/architecture.md ("Lifecycle").
 */

/** Something that can be stopped. `dispose` is idempotent: a second call does nothing. */
export interface Disposable {
  dispose(): void
}

/** Wraps a teardown function; the function runs at most once however often `dispose` is called. */
export function toDisposable(teardown: () => void): Disposable {
  let isDisposed = false
  return {
    dispose() {
      if (isDisposed) return
      isDisposed = true
      teardown()
    },
  }
}

/** A Disposable that does nothing (for "nothing was bound"). */
export const noopDisposable: Disposable = Object.freeze({ dispose() {} })

/**
 * Disposes every item, even when some throw; rethrows the first error (or an AggregateError
 * naming all of them) after all have run, so one failing teardown never leaks the rest.
 */
export function disposeAll(items: Iterable<Disposable>): void {
  const errors: unknown[] = []
  for (const item of items) {
    try {
      item.dispose()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length === 1) throw errors[0]
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed to dispose`)
}

/**
 * Holds many disposables and disposes them together. Adding to a disposed store disposes the
 * item at once (it would otherwise leak), as VS Code's store does after warning.
 */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>()
  private disposed = false

  get isDisposed(): boolean {
    return this.disposed
  }

  /** How many disposables are held (the leak tests count these). */
  get size(): number {
    return this.items.size
  }

  /** Takes ownership of `item` and returns it, so `const x = store.add(bind())` reads naturally. */
  add<T extends Disposable>(item: T): T {
    if ((item as Disposable) === this) throw new Error('a DisposableStore cannot hold itself')
    if (this.disposed) {
      item.dispose()
      return item
    }
    this.items.add(item)
    return item
  }

  /** Disposes and forgets one item held here. */
  delete(item: Disposable): void {
    if (!this.items.delete(item)) return
    item.dispose()
  }

  /** Disposes everything held and stays usable. */
  clear(): void {
    const items = [...this.items]
    this.items.clear()
    disposeAll(items)
  }

  /** Disposes everything held; anything added later is disposed on arrival. */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.clear()
  }
}

/** A base class for owners: `this.register(x)` ties `x` to the owner's own disposal. */
export abstract class DisposableOwner implements Disposable {
  protected readonly disposables = new DisposableStore()

  protected register<T extends Disposable>(item: T): T {
    return this.disposables.add(item)
  }

  dispose(): void {
    this.disposables.dispose()
  }
}

/**
 * A slot holding at most one disposable: setting a new value disposes the old one (a re-bound
 * hotkey, a replaced timer). Disposing the slot disposes its value and every later one.
 */
export class MutableDisposable<T extends Disposable> implements Disposable {
  private current: T | undefined
  private disposed = false

  get value(): T | undefined {
    return this.disposed ? undefined : this.current
  }

  set value(next: T | undefined) {
    if (this.disposed) {
      next?.dispose()
      return
    }
    if (next === this.current) return
    const old = this.current
    this.current = next
    old?.dispose()
  }

  /** Disposes the held value and empties the slot. */
  clear(): void {
    this.value = undefined
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    const old = this.current
    this.current = undefined
    old?.dispose()
  }
}
