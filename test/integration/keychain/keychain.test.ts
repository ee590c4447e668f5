import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE } from '../../../electron/main/platform/keytarSecretStore'
import { startSecretService, type PrivateSecretService } from '../../support/secretService'
import { startKeyServiceProcess, type KeyServiceProcess } from './keyServiceProcess'

const KEY = 'test-key-keychain-abcd'
const REPLACEMENT = 'test-key-replaced-wxyz'
const ENV_KEY = 'test-key-environment-9876'
const ATTRIBUTES = { service: KEYCHAIN_SERVICE, account: KEYCHAIN_ACCOUNT }

/** Every regular file under `dir` whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await readFile(path)).includes(needle)) found.push(path)
  }
  return found
}

/** A secret service for the describe block, and app "runs" (processes) that are stopped after each test. */
function useSecretService(mode: PrivateSecretService['mode']) {
  let service: PrivateSecretService
  let workDir: string
  const runs: KeyServiceProcess[] = []
  beforeAll(async () => {
    service = await startSecretService(mode)
    workDir = await mkdtemp(join(tmpdir(), 'sightline-keychain-cwd-'))
  })
  afterEach(async () => {
    for (const run of runs.splice(0)) await run.stop()
  })
  afterAll(async () => {
    await service?.stop()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })
  return {
    service: () => service,
    workDir: () => workDir,
    /** Starts the app's key handling as a fresh process (a new run of the app). */
    async startRun(extraEnv: Record<string, string> = {}): Promise<KeyServiceProcess> {
      const run = await startKeyServiceProcess({ ...service.env, ...extraEnv }, workDir)
      runs.push(run)
      return run
    },
  }
}

describe('the API key in a real gnome-keyring (unlocked)', () => {
  const keyring = useSecretService('unlocked')

  afterEach(async () => {
    const cleanup = await keyring.startRun()
    await cleanup.removeKey()
    await cleanup.stop()
  })

  it('stores, reads back in a later run, replaces and deletes the key', async () => {
    const first = await keyring.startRun()
    expect(await first.status()).toEqual({ isSet: false, lastFour: null, source: 'none', keychainAvailable: true, keychainTrouble: null })

    expect(await first.setKey(KEY, 'keychain')).toEqual({
      isSet: true,
      lastFour: 'abcd',
      source: 'keychain',
      keychainAvailable: true,
      keychainTrouble: null,
    })
    // Filed under the documented names, as libsecret's own tool sees it.
    expect(await keyring.service().lookup(ATTRIBUTES)).toBe(KEY)
    await first.stop()

    const second = await keyring.startRun()
    expect(await second.getKey()).toBe(KEY)
    expect(await second.status()).toMatchObject({ isSet: true, lastFour: 'abcd', source: 'keychain' })

    expect(await second.setKey(REPLACEMENT, 'keychain')).toMatchObject({ lastFour: 'wxyz', source: 'keychain' })
    expect(await keyring.service().lookup(ATTRIBUTES)).toBe(REPLACEMENT)
    expect(await second.getKey()).toBe(REPLACEMENT)

    expect(await second.removeKey()).toEqual({ isSet: false, lastFour: null, source: 'none', keychainAvailable: true, keychainTrouble: null })
    expect(await keyring.service().lookup(ATTRIBUTES)).toBeNull()
    await second.stop()

    const third = await keyring.startRun()
    expect(await third.getKey()).toBeNull()
  })

  it('keeps the key encrypted on disk, never in plain text', async () => {
    const run = await keyring.startRun()
    await run.setKey(KEY, 'keychain')
    expect(await keyring.service().lookup(ATTRIBUTES)).toBe(KEY)
    const keyringFiles = await readdir(join(keyring.service().dirs.data, 'keyrings'))
    expect(keyringFiles).toContain('login.keyring')
    expect(await filesContaining(keyring.service().dirs.root, KEY)).toEqual([])
    expect(await filesContaining(keyring.workDir(), KEY)).toEqual([])
  })

  it('refuses a key Google rejects and leaves the keychain untouched', async () => {
    const run = await keyring.startRun()
    await run.setKey(KEY, 'keychain')
    const refused = 'test-key-refused-0001'
    expect(await run.failure(run.setKey(refused, 'keychain'))).toMatchObject({ code: 'INVALID_API_KEY' })
    expect(await keyring.service().lookup(ATTRIBUTES)).toBe(KEY)
    expect(await run.status()).toMatchObject({ lastFour: 'abcd', source: 'keychain' })
  })

  it('lets GEMINI_API_KEY override the stored key for that run only', async () => {
    const setup = await keyring.startRun()
    await setup.setKey(KEY, 'keychain')
    await setup.stop()

    const overridden = await keyring.startRun({ GEMINI_API_KEY: ENV_KEY })
    expect(await overridden.getKey()).toBe(ENV_KEY)
    expect(await overridden.status()).toEqual({
      isSet: true,
      lastFour: '9876',
      source: 'environment',
      keychainAvailable: true,
      keychainTrouble: null,
    })
    expect(await keyring.service().lookup(ATTRIBUTES)).toBe(KEY)
    await overridden.stop()

    const normal = await keyring.startRun()
    expect(await normal.getKey()).toBe(KEY)
  })
})

describe('the API key after the keyring locks in a running app (issue 13.10)', () => {
  const keyring = useSecretService('unlocked')

  it('a key read once is reused for reconnects: the locked keyring (which now reads as empty) is not asked again', async () => {
    const first = await keyring.startRun()
    await first.setKey(KEY, 'keychain')
    await first.stop()

    const run = await keyring.startRun()
    expect(await run.getKey()).toBe(KEY)
    await keyring.service().lockLogin()
    // What a fresh read would get now: libsecret answers a locked keyring with "nothing stored".
    expect(await run.storeGetKey()).toBeNull()
    // What the session gets for a reconnect after the wake: the key it already had.
    expect(await run.getKey()).toBe(KEY)
    expect(await run.status()).toMatchObject({ isSet: true, source: 'keychain', lastFour: 'abcd' })
    expect(await run.getKey()).toBe(KEY)
  })
})

describe('the API key with no Secret Service reachable', () => {
  const keyring = useSecretService('absent')

  it('says so plainly and keeps the key in memory for this run, writing it nowhere', async () => {
    const run = await keyring.startRun()
    const status = await run.status()
    expect(status).toMatchObject({ isSet: false, source: 'none', keychainAvailable: false })
    expect(status.keychainTrouble).toBe('absent')

    const refusal = await run.failure(run.setKey(KEY, 'keychain'))
    expect(refusal.code).toBe('KEYCHAIN_UNAVAILABLE')
    expect(refusal.message).toContain('You can keep it for this run only')
    expect(await run.getKey()).toBeNull()

    expect(await run.setKey(KEY, 'memory')).toEqual({
      isSet: true,
      lastFour: 'abcd',
      source: 'memory',
      keychainAvailable: false,
      keychainTrouble: 'absent',
    })
    expect(await run.getKey()).toBe(KEY)

    expect(await filesContaining(keyring.service().dirs.root, KEY)).toEqual([])
    expect(await filesContaining(keyring.workDir(), KEY)).toEqual([])
    expect(run.stderr()).not.toContain(KEY)
    await run.stop()

    const nextRun = await keyring.startRun()
    expect(await nextRun.status()).toMatchObject({ isSet: false, source: 'none', keychainAvailable: false })
    expect(await nextRun.getKey()).toBeNull()
  })

  it('still honours GEMINI_API_KEY', async () => {
    const run = await keyring.startRun({ GEMINI_API_KEY: ENV_KEY })
    expect(await run.getKey()).toBe(ENV_KEY)
    expect(await run.status()).toMatchObject({ isSet: true, source: 'environment', lastFour: '9876', keychainAvailable: false })
  })
})

describe('the API key with a locked keychain', () => {
  const keyring = useSecretService('locked')

  it('refuses to save in the locked keychain, says so from then on, and offers memory', async () => {
    const run = await keyring.startRun()
    // libsecret answers a read from a locked keyring with "nothing stored", so only a write can tell.
    expect(await run.status()).toMatchObject({ isSet: false, source: 'none' })

    const refusal = await run.failure(run.setKey(KEY, 'keychain'))
    expect(refusal.code).toBe('KEYCHAIN_UNAVAILABLE')
    expect(refusal.message).toContain('The keychain is locked or has no default keyring')
    expect(await run.status()).toEqual({
      isSet: false,
      lastFour: null,
      source: 'none',
      keychainAvailable: false,
      keychainTrouble: 'locked',
    })

    expect(await run.setKey(KEY, 'memory')).toMatchObject({ isSet: true, source: 'memory', lastFour: 'abcd', keychainAvailable: false })
    expect(await run.getKey()).toBe(KEY)
    expect(await filesContaining(keyring.service().dirs.root, KEY)).toEqual([])
  })
})
