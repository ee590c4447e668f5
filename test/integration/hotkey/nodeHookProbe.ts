import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { HOOK_PROBE_TIMEOUT_MS, type HookProbeRun } from '../../../electron/main/platform/keyboardHookCheck'

const PROBE = join(import.meta.dirname, '../../../electron/utility/uiohookProbe.ts')

/**
 * The app gives its probe HOOK_PROBE_TIMEOUT_MS (unit-tested in keyboardHookCheck's verdicts).
 * Here the probe also starts tsx, late in a full suite on a shared 2-core machine, and once took
 * longer than that: the kill timer allows more, so the test reads what the probe itself said.
 */
const TEST_PROBE_TIMEOUT_MS = Math.max(HOOK_PROBE_TIMEOUT_MS, 25_000)

/** Runs the app's probe script with Node (the app runs the same file as a utilityProcess), with `env`. */
export function runHookProbeWithNode(env: NodeJS.ProcessEnv): Promise<HookProbeRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ exitCode: null, output, timedOut: true })
    }, TEST_PROBE_TIMEOUT_MS)
    child.once('error', (error) => {
      clearTimeout(timer)
      resolve({ exitCode: null, output: `${output}${String(error)}`, timedOut: false })
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code, output, timedOut: false })
    })
  })
}
