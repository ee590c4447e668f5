import { describe, expect, it } from 'vitest'
import { DisposableStore, MutableDisposable, disposeAll, toDisposable, type Disposable } from '../../../electron/main/core/lifecycle'
import { Emitter } from '../../../electron/main/core/emitter'

function counted(): Disposable & { count: number } {
  const d = { count: 0, dispose: () => void d.count++ }
  return d
}

describe('toDisposable', () => {
  it('runs its teardown once however often it is disposed', () => {
    let runs = 0
    const d = toDisposable(() => runs++)
    d.dispose()
    d.dispose()
    expect(runs).toBe(1)
  })
})

describe('disposeAll', () => {
  it('a teardown that throws does not leak the ones after it; the error comes out after all ran', () => {
    const after = counted()
    const boom = toDisposable(() => {
      throw new Error('boom')
    })
    expect(() => disposeAll([boom, after])).toThrow('boom')
    expect(after.count).toBe(1)
  })

  it('several failures come out together', () => {
    const fail = (m: string) => toDisposable(() => { throw new Error(m) })
    expect(() => disposeAll([fail('a'), fail('b')])).toThrow(AggregateError)
  })
})

describe('DisposableStore', () => {
  it('disposes everything it holds, once', () => {
    const store = new DisposableStore()
    const a = store.add(counted())
    const b = store.add(counted())
    expect(store.size).toBe(2)
    store.dispose()
    store.dispose()
    expect([a.count, b.count, store.size]).toEqual([1, 1, 0])
    expect(store.isDisposed).toBe(true)
  })

  it('something added after disposal is disposed at once instead of leaking', () => {
    const store = new DisposableStore()
    store.dispose()
    const late = store.add(counted())
    expect(late.count).toBe(1)
    expect(store.size).toBe(0)
  })

  it('clear disposes the held items and keeps the store usable; delete disposes one', () => {
    const store = new DisposableStore()
    const a = store.add(counted())
    store.clear()
    const b = store.add(counted())
    const c = store.add(counted())
    store.delete(b)
    expect([a.count, b.count, c.count, store.size, store.isDisposed]).toEqual([1, 1, 0, 1, false])
  })

  it('refuses to hold itself', () => {
    const store = new DisposableStore()
    expect(() => store.add(store)).toThrow(/itself/)
  })
})

describe('MutableDisposable', () => {
  it('setting a new value disposes the old one; the same value twice is kept', () => {
    const slot = new MutableDisposable<Disposable & { count: number }>()
    const first = counted()
    const second = counted()
    slot.value = first
    slot.value = first
    expect(first.count).toBe(0)
    slot.value = second
    expect([first.count, second.count]).toEqual([1, 0])
    slot.clear()
    expect(second.count).toBe(1)
    expect(slot.value).toBeUndefined()
  })

  it('after disposal the value is gone and a later one is disposed on arrival', () => {
    const slot = new MutableDisposable<Disposable & { count: number }>()
    const held = counted()
    slot.value = held
    slot.dispose()
    const late = counted()
    slot.value = late
    expect([held.count, late.count]).toEqual([1, 1])
    expect(slot.value).toBeUndefined()
  })
})

describe('Emitter', () => {
  it('every subscriber hears each fire until its own Disposable unsubscribes it', () => {
    const emitter = new Emitter<number>()
    const a: number[] = []
    const b: number[] = []
    const subA = emitter.event((v) => a.push(v))
    emitter.event((v) => b.push(v))
    emitter.fire(1)
    subA.dispose()
    emitter.fire(2)
    expect(a).toEqual([1])
    expect(b).toEqual([1, 2])
    expect(emitter.listenerCount).toBe(1)
  })

  it('a listener that throws is reported and the others still hear the event', () => {
    const errors: unknown[] = []
    const emitter = new Emitter<string>((error) => errors.push(error))
    const heard: string[] = []
    emitter.event(() => {
      throw new Error('bad listener')
    })
    emitter.event((v) => heard.push(v))
    emitter.fire('x')
    expect(heard).toEqual(['x'])
    expect(errors).toHaveLength(1)
  })

  it('disposing drops every listener and later subscriptions do nothing', () => {
    const emitter = new Emitter<number>()
    const heard: number[] = []
    emitter.event((v) => heard.push(v))
    emitter.dispose()
    emitter.event((v) => heard.push(v))
    emitter.fire(1)
    expect(heard).toEqual([])
    expect(emitter.listenerCount).toBe(0)
  })
})
