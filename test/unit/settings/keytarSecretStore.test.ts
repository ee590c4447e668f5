import { describe, expect, it } from 'vitest'
import { SecretStoreUnavailableError } from '../../../electron/main/core/ports'
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, KeytarSecretStore, describeKeychainFailure, keychainTrouble, type KeytarApi } from '../../../electron/main/platform/keytarSecretStore'

/** keytar as a Map, or failing every call with what the platform said. */
function fakeKeytar(failWith?: string): KeytarApi & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  const fail = async () => {
    if (failWith) throw new Error(failWith)
  }
  return {
    entries,
    async getPassword(service, account) {
      await fail()
      return entries.get(`${service}/${account}`) ?? null
    },
    async setPassword(service, account, password) {
      await fail()
      entries.set(`${service}/${account}`, password)
    },
    async deletePassword(service, account) {
      await fail()
      return entries.delete(`${service}/${account}`)
    },
  }
}

async function unavailable(promise: Promise<unknown>): Promise<SecretStoreUnavailableError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(SecretStoreUnavailableError)
  return error as SecretStoreUnavailableError
}

describe('KeytarSecretStore', () => {
  it('files the key under the documented service and account names', async () => {
    const keytar = fakeKeytar()
    const store = new KeytarSecretStore({ loadKeytar: async () => keytar })
    await store.setKey('test-key-1234')
    expect([...keytar.entries]).toEqual([['Sightline/gemini-api-key', 'test-key-1234']])
    expect(KEYCHAIN_SERVICE).toBe('Sightline')
    expect(KEYCHAIN_ACCOUNT).toBe('gemini-api-key')
    expect(await store.getKey()).toBe('test-key-1234')
    await store.deleteKey()
    expect(await store.getKey()).toBeNull()
    await store.deleteKey()
  })

  it('turns a missing native module into "keychain unavailable", not a crash, and retries later', async () => {
    let attempts = 0
    const keytar = fakeKeytar()
    const store = new KeytarSecretStore({
      loadKeytar: async () => {
        attempts += 1
        if (attempts === 1) throw new Error("Cannot find module '../build/Release/keytar.node'")
        return keytar
      },
    })
    const error = await unavailable(store.getKey())
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE')
    expect(error.message).toMatch(/keychain module could not be loaded/)
    expect(await store.getKey()).toBeNull()
  })

  it.each([
    ['The name org.freedesktop.secrets was not provided by any .service files', 'absent'],
    ['The user dismissed the prompt', 'refused'],
    ['User canceled the operation.', 'refused'],
    ['Cannot unlock collection', 'locked'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Something else entirely', 'failed'],
  ])('names the kind of keychain trouble in "%s": %s', async (platformMessage, trouble) => {
    expect(keychainTrouble(platformMessage)).toBe(trouble)
    const store = new KeytarSecretStore({ loadKeytar: async () => fakeKeytar(platformMessage) })
    expect((await unavailable(store.getKey())).trouble).toBe(trouble)
  })

  it.each([
    // What libsecret says on this machine (see test/integration/keychain) and on others.
    ['The name org.freedesktop.secrets was not provided by any .service files', /no Secret Service running/],
    ['Could not connect: No such file or directory', /no Secret Service running/],
    ['Error spawning command line “dbus-launch --autolaunch=…”: Child process exited with code 1', /no Secret Service running/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', /locked or has no default keyring/],
    ['Cannot create an item in a locked collection', /locked/],
    ['The prompt was dismissed', /refused/],
    ['User interaction is not allowed.', /refused/],
    ['Something else entirely', /could not be used/],
    // Issue 13.10: what a read says when the keychain is there but will not give the key.
    ['The user dismissed the prompt', /refused/],
    ['Cannot unlock collection', /locked/],
  ])('says plainly what "%s" means', async (platformMessage, plain) => {
    expect(describeKeychainFailure(platformMessage)).toMatch(plain)
    const store = new KeytarSecretStore({ loadKeytar: async () => fakeKeytar(platformMessage) })
    for (const call of [store.getKey(), store.setKey('test-key-1234'), store.deleteKey()]) {
      const error = await unavailable(call)
      expect(error.message).toMatch(plain)
      expect((error.cause as Error).message).toBe(platformMessage)
    }
  })
})
