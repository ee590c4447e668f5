import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAppStore } from '../../../renderer/src/stores/appStore'
import { useShareStore } from '../../../renderer/src/stores/shareStore'
import { useErrorStore } from '../../../renderer/src/stores/errorStore'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })

/** The bridge and the browser as the share store sees them; the capture itself is refused, so no grabber starts. */
function stubWindow(appInfo: { isHarness: boolean; systemScreenPicker?: boolean }) {
  const calls: string[] = []
  const sightline = {
    getAppInfo: () => ok({ name: 'Sightline', version: '0', platform: 'linux', ...appInfo }),
    getKeyStatus: () => ok({ isSet: true, source: 'keychain', lastFour: '1234', keychainAvailable: true }),
    getManagedStatus: () => ok({ isManaged: false, service: null, source: 'none', lockedModel: null, lockedFields: [], autoUpdate: null }),
    startSession: () => (calls.push('startSession'), ok({ state: 'live', detail: null, resumed: false })),
    listScreenSources: () => (calls.push('listScreenSources'), ok([{ id: 'screen:1:0', name: 'Entire screen', kind: 'screen', thumbnail: null }])),
  }
  vi.stubGlobal('window', { sightline })
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getDisplayMedia: () => {
        calls.push('getDisplayMedia')
        return Promise.reject(new DOMException('cancelled', 'NotAllowedError'))
      },
    },
  })
  return calls
}

describe('screen sharing on Wayland: the portal’s own picker chooses', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('with the system picker, Share screen goes straight to getDisplayMedia and never lists sources', async () => {
    const calls = stubWindow({ isHarness: false, systemScreenPicker: true })
    await useAppStore().load()
    const share = useShareStore()
    await share.startShare()
    expect(calls).toEqual(['startSession', 'getDisplayMedia'])
    expect(share.isPickerOpen).toBe(false)
    expect(useErrorStore().errors.at(-1)?.code).toBe('SCREEN_DENIED')
  })

  it('elsewhere, Share screen lists the sources once and opens our picker', async () => {
    const calls = stubWindow({ isHarness: false })
    await useAppStore().load()
    const share = useShareStore()
    await share.startShare()
    expect(calls).toEqual(['startSession', 'listScreenSources'])
    expect(share.isPickerOpen).toBe(true)
    expect(share.sources.map((s) => s.id)).toEqual(['screen:1:0'])
  })
})
