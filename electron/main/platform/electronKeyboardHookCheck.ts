import { join } from 'node:path'
import { systemPreferences, utilityProcess } from 'electron'
import { checkKeyboardHook, HOOK_PROBE_TIMEOUT_MS, type HookProbeRun, type HookTrouble } from './keyboardHookCheck'

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
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const timer = setTimeout(() => {
      child.kill()
      resolve({ exitCode: null, output, timedOut: true })
    }, HOOK_PROBE_TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code, output, timedOut: false })
    })
  })
}
