import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { HOOK_PROBE_TIMEOUT_MS, probeHasSaidWhy, type HookProbeRun } from '../../../electron/main/platform/keyboardHookCheck'

const PROBE = join(import.meta.dirname, '../../../electron/utility/uiohookProbe.ts')

/**
 * Runs the app's probe script with Node (the app runs the same file as a utilityProcess), with
 * `env`, and ends the run the way the app's runner does (electronKeyboardHookCheck.ts): once
 * libuiohook has said why it cannot start, or after HOOK_PROBE_TIMEOUT_MS.
 */
export function runHookProbeWithNode(env: NodeJS.ProcessEnv): Promise<HookProbeRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let output = ''
    const finish = (run: HookProbeRun) => {
      clearTimeout(timer)
      resolve(run)
    }
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (!probeHasSaidWhy(output)) return
      child.kill('SIGKILL')
      finish({ exitCode: null, output, timedOut: false })
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      finish({ exitCode: null, output, timedOut: true })
    }, HOOK_PROBE_TIMEOUT_MS)
    child.once('error', (error) => finish({ exitCode: null, output: `${output}${String(error)}`, timedOut: false }))
    child.once('close', (code) => finish({ exitCode: code, output, timedOut: false }))
  })
}
