import { describe, expect, it } from 'vitest'
import { keyStatusSchema } from '../../../shared/ipcContract'
import { KeyService, type KeyValidator } from '../../../electron/main/core/settings/keyService'
import { KeyServiceError } from '../../../electron/main/core/settings/keyServiceError'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'

const GOOD_KEY = 'test-key-good-1234'
const OTHER_KEY = 'test-key-other-5678'
const ENV_KEY = 'test-key-from-env-9999'

/** Accepts any key except the ones listed, which it refuses the way the Live server does (close 1007). */
function validatorRefusing(...refused: string[]): KeyValidator & { checked: string[] } {
  const checked: string[] = []
  const validate = async (key: string) => {
    checked.push(key)
    if (refused.includes(key)) throw Object.assign(new Error('API key not valid. Please pass a valid API key.'), { closeCode: 1007 })
  }
  return Object.assign(validate, { checked })
}

function makeService(options: { env?: Record<string, string>; validate?: KeyValidator; store?: InMemorySecretStore } = {}) {
  const store = options.store ?? new InMemorySecretStore()
  const service = new KeyService({ store, env: options.env ?? {}, validateKey: options.validate ?? validatorRefusing() })
  return { store, service }
}

async function rejection(promise: Promise<unknown>): Promise<KeyServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(KeyServiceError)
  return error as KeyServiceError
}

describe('KeyService', () => {
  it('reports no key on a first run with a working keychain', async () => {
    const { service } = makeService()
    expect(await service.status()).toEqual({
      isSet: false,
      lastFour: null,
      source: 'none',
      keychainAvailable: true,
      keychainTrouble: null,
    })
    expect(await service.getKey()).toBeNull()
  })

  it('checks a new key with Google, then saves it in the keychain', async () => {
    const validate = validatorRefusing()
    const { service, store } = makeService({ validate })
    const status = await service.setKey(`  ${GOOD_KEY}\n`, 'keychain')
    expect(validate.checked).toEqual([GOOD_KEY])
    expect(store.value).toBe(GOOD_KEY)
    expect(status).toMatchObject({ isSet: true, lastFour: '1234', source: 'keychain', keychainAvailable: true })
    expect(await service.getKey()).toBe(GOOD_KEY)
  })

  it('refuses a key Google rejects with close 1007 and stores nothing', async () => {
    const { service, store } = makeService({ validate: validatorRefusing(GOOD_KEY) })
    const error = await rejection(service.setKey(GOOD_KEY, 'keychain'))
    expect(error.code).toBe('INVALID_API_KEY')
    expect(error.message).not.toContain(GOOD_KEY)
    expect(store.writes).toBe(0)
    expect((await service.status()).isSet).toBe(false)
  })

  it('treats a validator error coded INVALID_API_KEY as a refused key', async () => {
    const validate: KeyValidator = async () => {
      throw Object.assign(new Error('refused'), { code: 'INVALID_API_KEY' })
    }
    const { service, store } = makeService({ validate })
    expect((await rejection(service.setKey(GOOD_KEY, 'memory'))).code).toBe('INVALID_API_KEY')
    expect(await service.getKey()).toBeNull()
    expect(store.writes).toBe(0)
  })

  it('says the key could not be checked when the check fails for another reason, without echoing the key', async () => {
    const validate: KeyValidator = async (key) => {
      throw new Error(`connect ECONNREFUSED 127.0.0.1:9 wss://host/ws?key=${key}`)
    }
    const { service, store } = makeService({ validate })
    const error = await rejection(service.setKey(GOOD_KEY, 'keychain'))
    expect(error.code).toBe('KEY_CHECK_FAILED')
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.message).not.toContain(GOOD_KEY)
    expect(store.writes).toBe(0)
  })

  it('refuses text that cannot be a key before asking Google', async () => {
    const validate = validatorRefusing()
    const { service } = makeService({ validate })
    expect((await rejection(service.setKey('short', 'keychain'))).code).toBe('INVALID_API_KEY')
    expect((await rejection(service.setKey('has spaces inside it', 'keychain'))).code).toBe('INVALID_API_KEY')
    expect(validate.checked).toEqual([])
  })

  it('replaces a saved key and removes it', async () => {
    const { service, store } = makeService()
    await service.setKey(GOOD_KEY, 'keychain')
    expect((await service.setKey(OTHER_KEY, 'keychain')).lastFour).toBe('5678')
    expect(store.value).toBe(OTHER_KEY)
    const removed = await service.removeKey()
    expect(removed).toMatchObject({ isSet: false, lastFour: null, source: 'none', keychainAvailable: true })
    expect(store.value).toBeNull()
  })

  it('reads a key saved by an earlier run from the keychain', async () => {
    const store = new InMemorySecretStore()
    store.value = GOOD_KEY
    const { service } = makeService({ store })
    expect(await service.getKey()).toBe(GOOD_KEY)
    expect(await service.status()).toMatchObject({ isSet: true, source: 'keychain', lastFour: '1234' })
  })

  describe('when the keychain is unavailable', () => {
    const reason = 'No keychain is available: this computer has no Secret Service running.'

    it('says so plainly in the status', async () => {
      const store = new InMemorySecretStore()
      store.unavailableBecause = reason
      const { service } = makeService({ store })
      expect(await service.status()).toEqual({
        isSet: false,
        lastFour: null,
        source: 'none',
        keychainAvailable: false,
        keychainTrouble: 'absent',
      })
    })

    it('refuses to save in the keychain with KEYCHAIN_UNAVAILABLE and offers memory', async () => {
      const store = new InMemorySecretStore()
      store.unavailableBecause = reason
      const { service } = makeService({ store })
      const error = await rejection(service.setKey(GOOD_KEY, 'keychain'))
      expect(error.code).toBe('KEYCHAIN_UNAVAILABLE')
      expect(error.message).toContain(reason)
      expect(error.message).toContain('this run only')
      expect(await service.getKey()).toBeNull()
    })

    it('keeps the key in memory for this run only', async () => {
      const store = new InMemorySecretStore()
      store.unavailableBecause = reason
      const { service } = makeService({ store })
      const status = await service.setKey(GOOD_KEY, 'memory')
      expect(status).toEqual({ isSet: true, lastFour: '1234', source: 'memory', keychainAvailable: false, keychainTrouble: 'absent' })
      expect(await service.getKey()).toBe(GOOD_KEY)
      expect(store.writes).toBe(0)

      const nextRun = makeService({ store }).service
      expect(await nextRun.getKey()).toBeNull()
    })

    it('forgets the in-memory key on remove', async () => {
      const store = new InMemorySecretStore()
      store.unavailableBecause = reason
      const { service } = makeService({ store })
      await service.setKey(GOOD_KEY, 'memory')
      expect(await service.removeKey()).toMatchObject({ isSet: false, source: 'none', keychainAvailable: false })
      expect(await service.getKey()).toBeNull()
    })
  })

  it('keeps reporting a locked keychain that reads as empty but refuses writes, until a write succeeds', async () => {
    const store = new InMemorySecretStore()
    store.lockedBecause = 'The keychain is locked.'
    const { service } = makeService({ store })
    expect(await service.status()).toMatchObject({ keychainAvailable: true })
    expect((await rejection(service.setKey(GOOD_KEY, 'keychain'))).code).toBe('KEYCHAIN_UNAVAILABLE')
    expect(await service.status()).toMatchObject({ keychainAvailable: false, keychainTrouble: 'locked' })
    store.lockedBecause = null
    expect(await service.setKey(GOOD_KEY, 'keychain')).toMatchObject({ source: 'keychain', keychainAvailable: true, keychainTrouble: null })
  })

  it('prefers a key kept in memory this run over an older one in the keychain', async () => {
    const store = new InMemorySecretStore()
    store.value = GOOD_KEY
    const { service } = makeService({ store })
    await service.setKey(OTHER_KEY, 'memory')
    expect(await service.getKey()).toBe(OTHER_KEY)
    expect(store.value).toBe(GOOD_KEY)
    await service.setKey(GOOD_KEY, 'keychain')
    expect(await service.status()).toMatchObject({ source: 'keychain', lastFour: '1234' })
  })

  describe('GEMINI_API_KEY', () => {
    it('overrides the keychain for this run', async () => {
      const store = new InMemorySecretStore()
      store.value = GOOD_KEY
      const { service } = makeService({ store, env: { GEMINI_API_KEY: ENV_KEY } })
      expect(await service.getKey()).toBe(ENV_KEY)
      expect(await service.status()).toMatchObject({ isSet: true, lastFour: '9999', source: 'environment', keychainAvailable: true })
      expect(store.value).toBe(GOOD_KEY)
    })

    it('stays in force after the saved key is removed', async () => {
      const store = new InMemorySecretStore()
      store.value = GOOD_KEY
      const { service } = makeService({ store, env: { GEMINI_API_KEY: ENV_KEY } })
      expect(await service.removeKey()).toMatchObject({ isSet: true, source: 'environment' })
      expect(store.value).toBeNull()
      expect(await service.getKey()).toBe(ENV_KEY)
    })

    it('is ignored when empty', async () => {
      const { service } = makeService({ env: { GEMINI_API_KEY: '  ' } })
      expect(await service.status()).toMatchObject({ isSet: false, source: 'none' })
    })
  })

  it('never puts more than the last four characters in a status', async () => {
    const store = new InMemorySecretStore()
    const { service } = makeService({ store, env: {} })
    const statuses = [await service.status(), await service.setKey(GOOD_KEY, 'keychain'), await service.setKey(OTHER_KEY, 'memory')]
    store.unavailableBecause = 'locked'
    statuses.push(await service.status(), await service.removeKey())
    const envService = makeService({ env: { GEMINI_API_KEY: ENV_KEY } }).service
    statuses.push(await envService.status())
    for (const status of statuses) {
      expect(keyStatusSchema.strict().parse(status)).toEqual(status)
      const text = JSON.stringify(status)
      for (const key of [GOOD_KEY, OTHER_KEY, ENV_KEY]) {
        expect(text).not.toContain(key.slice(0, -4))
        expect(text).not.toContain(key.slice(-5))
      }
    }
  })

  it('lists every key handled this run for log redaction, including refused ones', async () => {
    const store = new InMemorySecretStore()
    store.value = OTHER_KEY
    const refused = 'test-key-refused-0000'
    const { service } = makeService({ store, env: { GEMINI_API_KEY: ENV_KEY }, validate: validatorRefusing(refused) })
    await service.status()
    await rejection(service.setKey(refused, 'keychain'))
    await service.setKey(GOOD_KEY, 'memory')
    expect(new Set(service.knownSecrets())).toEqual(new Set([ENV_KEY, OTHER_KEY, refused, GOOD_KEY]))
  })
})
