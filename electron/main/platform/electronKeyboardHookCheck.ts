import { join } from 'node:path'
import { systemPreferences, utilityProcess } from 'electron'
import { checkKeyboardHook, HOOK_PROBE_TIMEOUT_MS, probeHasSaidWhy, type HookProbeRun, type HookTrouble } from './keyboardHookCheck'

/** The probe entry electron-vite builds beside main's own bundle (electron.vite.config.ts). */
const PROBE_ENTRY = join(import.meta.dirname, 'uiohookProbe.js')

/**
 * {@link checkKeyboardHook} in the app: the probe runs as an Electron `utilityProcess`, which
 * works under the `runAsNode: false` fuse; macOS answers from `systemPreferences`.
 */
export function checkKeyboardHookInElectron(env: NodeJS.ProcessEnv = process.env): Promise<HookTrouble | null> {
  return checkKeyboardHook({
    env,
    platform: process.platform,
    runProbe: () => runInUtilityProcess(env),
    isTrustedAccessibilityClient: () => systemPreferences.isTrustedAccessibilityClient(false),
  })
}

function runInUtilityProcess(env: NodeJS.ProcessEnv): Promise<HookProbeRun> {
  return new Promise((resolve) => {
    const child = utilityProcess.fork(PROBE_ENTRY, [], { stdio: 'pipe', serviceName: 'Sightline keyboard hook check', env })
    let output = ''
    const finish = (run: HookProbeRun) => {
      clearTimeout(timer)
      resolve(run)
    }
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (!probeHasSaidWhy(output)) return
      // libuiohook can hang after saying why (probeHasSaidWhy): the answer is in, so stop it.
      child.kill()
      finish({ exitCode: null, output, timedOut: false })
    })
    const timer = setTimeout(() => {
      child.kill()
      finish({ exitCode: null, output, timedOut: true })
    }, HOOK_PROBE_TIMEOUT_MS)
    child.once('exit', (code) => finish({ exitCode: code, output, timedOut: false }))
  })
}
