/**
 * A child process holding a real KeyService over the real KeytarSecretStore, driven by JSON
 * lines on stdin ({ id, op, args }) and answering on stdout ({ id, ok, value | error }).
 *
 * keytar's libsecret binds to the D-Bus session bus named in this process's environment on
 * first use, so each private keyring (and each "run" of the app) gets its own process.
 * The key check stands in for the Live session the app opens: keys containing "refused" are
 * rejected the way the Live server does it, with close code 1007.
 */
import { createInterface } from 'node:readline'
import { KeyService } from '../../../electron/main/core/settings/keyService'
import { KeytarSecretStore } from '../../../electron/main/platform/keytarSecretStore'

const store = new KeytarSecretStore()
const service = new KeyService({
  store,
  env: process.env,
  validateKey: async (key) => {
    if (key.includes('refused')) throw Object.assign(new Error('API key not valid. Please pass a valid API key.'), { closeCode: 1007 })
  },
})

const operations: Record<string, (...args: never[]) => Promise<unknown> | unknown> = {
  status: () => service.status(),
  getKey: () => service.getKey(),
  setKey: (key: string, keepIn: 'keychain' | 'memory') => service.setKey(key, keepIn),
  removeKey: () => service.removeKey(),
  knownSecrets: () => service.knownSecrets(),
  storeGetKey: () => store.getKey(),
}

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: never[] }
  void (async () => {
    try {
      const operation = operations[op]
      if (!operation) throw new Error(`unknown operation ${op}`)
      const value = await operation(...args)
      process.stdout.write(`${JSON.stringify({ id, ok: true, value: value ?? null })}\n`)
    } catch (error) {
      const { name, message, code } = error as { name?: string; message?: string; code?: string }
      process.stdout.write(`${JSON.stringify({ id, ok: false, error: { name, message, code } })}\n`)
    }
  })()
})
process.stdout.write(`${JSON.stringify({ id: 0, ok: true, value: 'ready' })}\n`)
