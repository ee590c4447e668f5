import { describe, expect, it } from 'vitest'
import { ManagedSetup } from '../../../electron/main/core/credentials/managedSetup'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'

const CODE = 'team-code-alpha-7f3k'

describe('ManagedSetup', () => {
  it('takes SIGHTLINE_TOKEN_SERVICE and SIGHTLINE_ACCESS_CODE from the environment over the keychain', async () => {
    const store = new InMemorySecretStore()
    await store.setKey(JSON.stringify({ service: 'https://old.example.org', accessCode: 'old-code-0000' }))
    const setup = new ManagedSetup({ store, env: { SIGHTLINE_TOKEN_SERVICE: 'https://tokens.example.org', SIGHTLINE_ACCESS_CODE: CODE }, validate: async () => {} })
    expect(await setup.config()).toEqual({ service: 'https://tokens.example.org', accessCode: CODE })
    expect(await setup.status()).toMatchObject({ isManaged: true, source: 'environment', service: 'https://tokens.example.org' })
  })

  it('keeps a checked setup in the keychain as one secret, and its status never carries the access code', async () => {
    const store = new InMemorySecretStore()
    const checked: unknown[] = []
    const setup = new ManagedSetup({ store, env: {}, validate: async (config) => void checked.push(config) })
    const status = await setup.save({ service: 'https://tokens.example.org/', accessCode: ` ${CODE} ` })
    expect(checked).toEqual([{ service: 'https://tokens.example.org', accessCode: CODE }])
    expect(JSON.parse((await store.getKey())!)).toEqual({ service: 'https://tokens.example.org', accessCode: CODE })
    expect(status).toMatchObject({ isManaged: true, source: 'keychain' })
    expect(JSON.stringify(status)).not.toContain(CODE)
    expect(setup.knownSecrets()).toEqual([CODE])
  })

  it('keeps nothing when the check fails', async () => {
    const store = new InMemorySecretStore()
    const setup = new ManagedSetup({ store, env: {}, validate: async () => Promise.reject(new Error('refused')) })
    await expect(setup.save({ service: 'https://tokens.example.org', accessCode: CODE })).rejects.toThrow('refused')
    expect(await store.getKey()).toBeNull()
    expect((await setup.status()).isManaged).toBe(false)
  })

  it('refuses an address that would send the code in the clear, before checking anything', async () => {
    const checked: unknown[] = []
    const setup = new ManagedSetup({ store: new InMemorySecretStore(), env: {}, validate: async (config) => void checked.push(config) })
    await expect(setup.save({ service: 'http://tokens.example.org', accessCode: CODE })).rejects.toMatchObject({ code: 'TOKEN_SERVICE_REFUSED' })
    expect(checked).toEqual([])
  })

  it('clear leaves managed mode', async () => {
    const store = new InMemorySecretStore()
    const setup = new ManagedSetup({ store, env: {}, validate: async () => {} })
    await setup.save({ service: 'https://tokens.example.org', accessCode: CODE })
    expect((await setup.clear()).isManaged).toBe(false)
    expect(await store.getKey()).toBeNull()
  })
})
