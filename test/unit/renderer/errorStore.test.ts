import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppError, AppSnapshot } from '../../../shared/ipcContract'
import { INITIAL_SNAPSHOT } from '../../../electron/main/core/state/appState'
import { useErrorStore } from '../../../renderer/src/stores/errorStore'

// Two windows over one main: each window's error store follows main's pending notices. Main's
// side (Assistant.dismissNotice → onNoticesChanged) is tested in test/unit/core/assistant.test.ts;
// here main is scripted as the contract says it behaves, and the harness e2e runs both for real.

const notice = (code: string): AppError => ({ code, message: `${code} in English`, params: {} })

/** A scripted main: pending notices, broadcast to every window's listeners as the contract's events. */
function scriptedMain(pending: AppError[]) {
  const windows: { onError: Set<(e: AppError) => void>; onNoticesChanged: Set<(n: AppError[]) => void> }[] = []
  const dismissed: string[] = []
  return {
    dismissed,
    raise(error: AppError) {
      pending = [...pending.filter((n) => n.code !== error.code), error]
      for (const w of windows) w.onError.forEach((l) => l(error))
    },
    bridge() {
      const w = { onError: new Set<(e: AppError) => void>(), onNoticesChanged: new Set<(n: AppError[]) => void>() }
      windows.push(w)
      return {
        onError: (l: (e: AppError) => void) => (w.onError.add(l), () => w.onError.delete(l)),
        onNoticesChanged: (l: (n: AppError[]) => void) => (w.onNoticesChanged.add(l), () => w.onNoticesChanged.delete(l)),
        getSnapshot: async (): Promise<AppSnapshot> => ({ ...INITIAL_SNAPSHOT, notices: pending }),
        dismissNotice: async ({ code }: { code: string }) => {
          dismissed.push(code)
          pending = pending.filter((n) => n.code !== code)
          for (const other of windows) other.onNoticesChanged.forEach((l) => l(pending))
          return { ok: true, value: { done: true } }
        },
      }
    },
  }
}

/** Runs `body` with window.sightline set to this window's bridge and its own pinia active. */
function inWindow<T>(pinia: Pinia, bridge: object, body: () => T): T {
  vi.stubGlobal('window', { sightline: bridge })
  setActivePinia(pinia)
  return body()
}

describe('the one error list across windows', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('dismiss once, gone everywhere: a notice dismissed in one window leaves the other at once; its own failures stay', async () => {
    const main = scriptedMain([notice('SETTINGS_CORRUPT')])
    const [a, b] = [createPinia(), createPinia()]
    const [bridgeA, bridgeB] = [main.bridge(), main.bridge()]
    const storeA = inWindow(a, bridgeA, () => useErrorStore())
    const storeB = inWindow(b, bridgeB, () => useErrorStore())
    for (const [pinia, bridge, store] of [[a, bridgeA, storeA], [b, bridgeB, storeB]] as const) {
      inWindow(pinia, bridge, () => store.listen())
      store.applySnapshot(await bridge.getSnapshot())
    }
    main.raise(notice('SHARE_HOTKEY_UNAVAILABLE'))
    inWindow(b, bridgeB, () => storeB.show({ code: 'MIC_NOT_FOUND', message: 'no mic' }))
    expect(storeA.errors.map((e) => e.code)).toEqual(['SETTINGS_CORRUPT', 'SHARE_HOTKEY_UNAVAILABLE'])
    expect(storeB.errors.map((e) => e.code)).toEqual(['SETTINGS_CORRUPT', 'SHARE_HOTKEY_UNAVAILABLE', 'MIC_NOT_FOUND'])

    inWindow(a, bridgeA, () => storeA.dismiss(storeA.errors[0]!.id))
    await Promise.resolve()
    expect(main.dismissed).toEqual(['SETTINGS_CORRUPT'])
    expect(storeA.errors.map((e) => e.code)).toEqual(['SHARE_HOTKEY_UNAVAILABLE'])
    expect(storeB.errors.map((e) => e.code)).toEqual(['SHARE_HOTKEY_UNAVAILABLE', 'MIC_NOT_FOUND'])
  })

  it('a window opened later shows only what is still pending', async () => {
    const main = scriptedMain([notice('SETTINGS_CORRUPT'), notice('HISTORY_RECOVERED')])
    const first = main.bridge()
    const pinia = createPinia()
    const store = inWindow(pinia, first, () => useErrorStore())
    store.applySnapshot(await first.getSnapshot())
    inWindow(pinia, first, () => store.dismiss(store.errors[0]!.id))
    const late = main.bridge()
    const lateStore = inWindow(createPinia(), late, () => useErrorStore())
    lateStore.applySnapshot(await late.getSnapshot())
    expect(lateStore.errors.map((e) => e.code)).toEqual(['HISTORY_RECOVERED'])
  })

  it('the same code shows once, whether the window or main raised it', () => {
    setActivePinia(createPinia())
    const store = useErrorStore()
    store.show({ code: 'CONNECTION_LOST', message: 'own' })
    store.applySnapshot({ ...INITIAL_SNAPSHOT, notices: [notice('CONNECTION_LOST')] })
    expect(store.errors).toHaveLength(1)
    expect(store.errors[0]).toMatchObject({ code: 'CONNECTION_LOST', isFromMain: true })
  })
})
