import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { KeyStatus } from '../../../shared/ipcContract'

const DRIVER = fileURLToPath(new URL('./keyServiceDriver.ts', import.meta.url))
// Resolved here because the child runs in a throwaway folder, where a bare `tsx` would not resolve.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** An error answered by the driver, as data. */
export interface DriverError {
  name?: string
  message?: string
  code?: string
}

/** One run of the app's key handling, in its own process: the calls the IPC handlers would make. */
export interface KeyServiceProcess {
  status(): Promise<KeyStatus>
  getKey(): Promise<string | null>
  setKey(key: string, keepIn: 'keychain' | 'memory'): Promise<KeyStatus>
  removeKey(): Promise<KeyStatus>
  knownSecrets(): Promise<string[]>
  /** The adapter alone, bypassing the service's precedence. */
  storeGetKey(): Promise<string | null>
  /** Resolves to the error a call failed with; rejects if it succeeded. */
  failure(call: Promise<unknown>): Promise<DriverError>
  /** Everything the process wrote to stderr. */
  stderr(): string
  stop(): Promise<void>
}

/** Starts the key service in a child Node process with `env` (from `startSecretService`) and `cwd`. */
export async function startKeyServiceProcess(env: NodeJS.ProcessEnv, cwd: string): Promise<KeyServiceProcess> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, DRIVER], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>()
  let nextId = 1
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject })
  })
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as { id: number; ok: boolean; value?: unknown; error?: DriverError }
    const waiter = pending.get(answer.id)
    pending.delete(answer.id)
    if (answer.ok) waiter?.resolve(answer.value)
    else waiter?.reject(Object.assign(new Error(answer.error?.message), { driverError: answer.error }))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`key service process exited with ${code}: ${stderr}`))
    pending.clear()
  })
  await ready

  const call = <T>(op: string, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.stdin.write(`${JSON.stringify({ id, op, args })}\n`)
    })

  return {
    status: () => call('status'),
    getKey: () => call('getKey'),
    setKey: (key, keepIn) => call('setKey', key, keepIn),
    removeKey: () => call('removeKey'),
    knownSecrets: () => call('knownSecrets'),
    storeGetKey: () => call('storeGetKey'),
    async failure(promise) {
      const outcome = await promise.then(
        () => null,
        (error: { driverError?: DriverError }) => error.driverError ?? { message: String(error) },
      )
      if (!outcome) throw new Error('expected the call to fail, but it succeeded')
      return outcome
    },
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end()
        child.kill('SIGTERM')
      }
      await exited
    },
  }
}
