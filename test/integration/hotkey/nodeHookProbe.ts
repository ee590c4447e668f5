import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { HOOK_PROBE_TIMEOUT_MS, type HookProbeRun } from '../../../electron/main/platform/keyboardHookCheck'

const PROBE = join(import.meta.dirname, '../../../electron/utility/uiohookProbe.ts')

/** Runs the app's probe script with Node (the app runs the same file as a utilityProcess), with `env`. */
export function runHookProbeWithNode(env: NodeJS.ProcessEnv): Promise<HookProbeRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ exitCode: null, output, timedOut: true })
    }, HOOK_PROBE_TIMEOUT_MS)
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
