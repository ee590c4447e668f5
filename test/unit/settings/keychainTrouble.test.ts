import { describe, expect, it } from 'vitest'
import { KeyService } from '../../../electron/main/core/settings/keyService'
import { KeyServiceError } from '../../../electron/main/core/settings/keyServiceError'
import { KeytarSecretStore, type KeytarApi } from '../../../electron/main/platform/keytarSecretStore'
import { LiveSession } from '../../../electron/main/core/live/liveSession'
import { ToolRegistry } from '../../../electron/main/core/tools/toolRegistry'
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../shared/settings'
import { EventLog, MemoryLogger } from '../../support/live/eventLog'
import { FakeLiveTransport } from '../../support/live/fakeLiveTransport'
import { ManualClock, settle } from '../../support/live/manualClock'
import { GEMINI_38, TEST_LIMITS } from '../../support/live/sessionHarness'
import { keyCredentials } from '../../../electron/main/core/credentials/keyCredentials'
import { describeError } from '../../../shared/i18n/describeError'
import { wordingFor } from '../../../shared/i18n/translate'


const KEY = 'test-key-keychain-abcd'

/** keytar holding one key, whose reads fail with the platform's own words while `failReadsWith` is set; reads are counted. */
function keytarHolding(key: string | null) {
  const state = { failReadsWith: null as string | null, reads: 0 }
  const api: KeytarApi = {
    async getPassword() {
      state.reads++
      if (state.failReadsWith) throw new Error(state.failReadsWith)
      return key
    },
    async setPassword() {},
    async deletePassword() {
      return true
    },
  }
  return { api, state }
}

/** The real KeyService over the real KeytarSecretStore, on a scripted keytar. */
function keyServiceOver(keytar: KeytarApi) {
  return new KeyService({ store: new KeytarSecretStore({ loadKeytar: async () => keytar }), env: {}, validateKey: async () => {} })
}

async function keyServiceRejection(promise: Promise<unknown>): Promise<KeyServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(KeyServiceError)
  return error as KeyServiceError
}

describe('keychain trouble is not "no key" (issue 13.10)', () => {
  it.each([
    ['The user dismissed the prompt.', 'access to the keychain was refused', 'refused'],
    ['Cannot unlock collection', 'the keychain is locked', 'locked'],
  ])('a read that throws "%s" says %s and how to fix it', async (said, why, trouble) => {
    const keytar = keytarHolding(KEY)
    keytar.state.failReadsWith = said
    const error = await keyServiceRejection(keyServiceOver(keytar.api).getKey())
    expect(error.code).toBe('KEYCHAIN_LOCKED')
    expect(error.message).toBe(`Sightline could not read your Gemini API key: ${why} (the keychain said: "${said}").`)
    expect(error.message).not.toMatch(/No Gemini API key is set/)
    // The user reads the catalogue's words: what the keychain said, and how to get at it.
    expect(error.params).toEqual({ trouble, keychainSaid: said })
    const words = describeError(error, wordingFor('en'))
    expect(words.message).toContain(`The keychain said: “${said}”`)
    expect(words.action).toMatch(/Unlock your keychain, or allow Sightline when it asks/)
  })

  it('no keychain at all still means no key there (null), as before', async () => {
    const keytar = keytarHolding(null)
    keytar.state.failReadsWith = 'The name org.freedesktop.secrets was not provided by any .service files'
    expect(await keyServiceOver(keytar.api).getKey()).toBeNull()
  })

  it('a key read once is reused: later reads never ask the keychain, even after it locks or a status check finds it empty', async () => {
    const keytar = keytarHolding(KEY)
    const keys = keyServiceOver(keytar.api)
    expect(await keys.getKey()).toBe(KEY)
    keytar.state.failReadsWith = 'Cannot unlock collection'
    expect(await keys.getKey()).toBe(KEY)
    expect(keytar.state.reads).toBe(1)
    expect(await keys.status()).toMatchObject({ isSet: true, source: 'keychain', lastFour: 'abcd', keychainAvailable: false })
    expect(await keys.getKey()).toBe(KEY)
  })

  it('the session shows the keychain trouble, not "No Gemini API key is set", and never dials', async () => {
    const keytar = keytarHolding(KEY)
    keytar.state.failReadsWith = 'The user dismissed the prompt.'
    const { session, log, transport } = sessionWithKeys(keyServiceOver(keytar.api))
    const status = await session.start(applySettingsPatch(DEFAULT_SETTINGS, { model: GEMINI_38 }))
    expect(status.state).toBe('error')
    expect(transport.attempts).toHaveLength(0)
    expect(log.of('onError')).toEqual([
      {
        code: 'KEYCHAIN_LOCKED',
        message: 'Sightline could not read your Gemini API key: access to the keychain was refused (the keychain said: "The user dismissed the prompt.").',
        params: { trouble: 'refused', keychainSaid: 'The user dismissed the prompt.' },
      },
    ])
  })

  it('a wake reuses the key read at start: the keychain is not read again, and one still locked after the wake does not end the session', async () => {
    let reads = 0
    const { session, transport } = sessionWithKeys({
      getKey: async () => {
        if (++reads > 1) throw new KeyServiceError('KEYCHAIN_LOCKED', 'Sightline could not read your Gemini API key: the keychain is locked.')
        return KEY
      },
    })
    transport.onAttempt = (a) => a.accept(`h${transport.attempts.length}`)
    await session.start(applySettingsPatch(DEFAULT_SETTINGS, { model: GEMINI_38 }))
    for (let i = 0; i < 3; i++) {
      await session.suspend()
      await session.resume()
      await settle()
    }
    expect(reads).toBe(1)
    expect(transport.attempts).toHaveLength(4)
    expect(transport.attempts.map((a) => a.request.apiKey)).toEqual([KEY, KEY, KEY, KEY])
    expect(session.status).toEqual({ state: 'live', detail: null, resumed: true })
  })
})

function sessionWithKeys(keys: { getKey(): Promise<string | null> }) {
  const clock = new ManualClock()
  const transport = new FakeLiveTransport()
  const log = new EventLog()
  const tools = new ToolRegistry({ desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} }, clock, confirm: async () => true })
  const session = new LiveSession({ transport, clock, logger: new MemoryLogger(), tools, events: log.events, credentials: keyCredentials(() => keys.getKey()), limits: TEST_LIMITS })
  return { session, log, transport }
}
