import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * What the private session bus offers:
 * - `unlocked`: gnome-keyring's Secret Service with an unlocked `login` keyring (a desktop after login);
 * - `locked`: gnome-keyring whose login keyring exists but is locked, with no prompter to unlock it (a locked keychain, a denied prompt);
 * - `absent`: a session bus with nothing providing `org.freedesktop.secrets` (a server, a bare window manager).
 */
export type SecretServiceMode = 'unlocked' | 'locked' | 'absent'

/** A private D-Bus session and keyring; `env` is what a child process needs to use them. */
export interface PrivateSecretService {
  mode: SecretServiceMode
  /** The parent's environment pointed at the private bus, home and XDG folders (no GEMINI_API_KEY, no DISPLAY). */
  env: NodeJS.ProcessEnv
  /** The private folders: home, XDG data (where gnome-keyring keeps `keyrings/`), config, runtime. */
  dirs: { root: string; home: string; data: string; config: string; runtime: string }
  /** Looks a secret up with libsecret's own CLI, independently of keytar; null when none is stored. */
  lookup(attributes: Record<string, string>): Promise<string | null>
  /** Locks the login keyring over D-Bus (`org.freedesktop.Secret.Service.Lock`), as a screen lock or a timeout does. */
  lockLogin(): Promise<void>
  stop(): Promise<void>
}

/** The password the private login keyring is created and unlocked with. */
const KEYRING_PASSWORD = 'sightline-test-keyring'

/**
 * Starts a private session bus (dbus-daemon with a config that activates nothing, so no real
 * keyring is ever autostarted) and, unless `absent`, gnome-keyring-daemon on it with only the
 * secrets component, in throwaway HOME/XDG folders. The keyring daemon is run in the foreground
 * so `stop()` can end it by pid. keytar (libsecret) reads DBUS_SESSION_BUS_ADDRESS when it
 * first connects and keeps that connection for the life of the process, so use `env` for a
 * child process rather than changing this process's environment.
 *
 * Needs the Debian packages dbus-daemon (dbus), gnome-keyring and libsecret-tools.
 */
export async function startSecretService(mode: SecretServiceMode): Promise<PrivateSecretService> {
  const root = await mkdtemp(join(tmpdir(), 'sightline-keyring-'))
  const dirs = { root, home: join(root, 'home'), data: join(root, 'data'), config: join(root, 'config'), runtime: join(root, 'run') }
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true })
  await chmod(dirs.runtime, 0o700)

  const busConfig = join(root, 'session-bus.conf')
  await writeFile(
    busConfig,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dirs.runtime}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  )

  const children: ChildProcess[] = []
  const stop = async () => {
    for (const child of children.reverse()) await terminate(child)
    await rm(root, { recursive: true, force: true })
  }

  try {
    const bus = spawn('dbus-daemon', [`--config-file=${busConfig}`, '--nofork', '--nopidfile', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(bus)
    const address = await firstLine(bus, 'dbus-daemon')

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: dirs.home,
      XDG_DATA_HOME: dirs.data,
      XDG_CONFIG_HOME: dirs.config,
      XDG_RUNTIME_DIR: dirs.runtime,
      DBUS_SESSION_BUS_ADDRESS: address,
    }
    // A real key or display in the parent must not leak into the tests' child processes.
    delete env.GEMINI_API_KEY
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY

    if (mode !== 'absent') {
      // Either way the login keyring is created unlocked first; `locked` then restarts the daemon
      // without the password, as after a reboot with no keyring unlock at login.
      const creator = await startKeyring(env, true)
      children.push(creator)
      if (mode === 'locked') {
        await terminate(creator)
        children.push(await startKeyring(env, false))
      }
    }

    return {
      mode,
      env,
      dirs,
      lookup: (attributes) => lookup(env, attributes),
      lockLogin: async () => {
        await run(
          'dbus-send',
          ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login'],
          { env, timeout: 5_000 },
        )
        await waitForLoginLocked(env, true)
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

async function startKeyring(env: NodeJS.ProcessEnv, unlock: boolean): Promise<ChildProcess> {
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--components=secrets', ...(unlock ? ['--unlock'] : [])], {
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  // --unlock reads the login keyring's password from stdin; with no keyring yet it creates one.
  keyring.stdin?.end(unlock ? KEYRING_PASSWORD : '')
  try {
    await waitForName(env, 'org.freedesktop.secrets', keyring)
    await waitForLoginLocked(env, !unlock)
  } catch (error) {
    await terminate(keyring)
    throw error
  }
  return keyring
}

async function lookup(env: NodeJS.ProcessEnv, attributes: Record<string, string>): Promise<string | null> {
  const args = ['lookup', ...Object.entries(attributes).flat()]
  try {
    const { stdout } = await run('secret-tool', args, { env, timeout: 10_000 })
    return stdout
  } catch (error) {
    // secret-tool exits 1 with nothing on stderr when no item matches.
    const { code, stderr } = error as { code?: unknown; stderr?: string }
    if (code === 1 && !stderr) return null
    throw error
  }
}

async function waitForName(env: NodeJS.ProcessEnv, name: string, owner: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (owner.exitCode !== null) throw new Error(`gnome-keyring-daemon exited with ${owner.exitCode} before owning ${name}`)
    const { stdout } = await run(
      'dbus-send',
      ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`],
      { env, timeout: 5_000 },
    )
    if (stdout.includes('true')) return
    await sleep(50)
  }
  throw new Error(`${name} did not appear on the private session bus within 15 s`)
}

/** The daemon owns its name before `--unlock` has created the login keyring; wait until that keyring is there, locked or not as asked. */
async function waitForLoginLocked(env: NodeJS.ProcessEnv, locked: boolean): Promise<void> {
  const deadline = Date.now() + 15_000
  let last = ''
  while (Date.now() < deadline) {
    try {
      const { stdout } = await run(
        'dbus-send',
        [
          '--session',
          '--print-reply=literal',
          '--dest=org.freedesktop.secrets',
          '/org/freedesktop/secrets/collection/login',
          'org.freedesktop.DBus.Properties.Get',
          'string:org.freedesktop.Secret.Collection',
          'string:Locked',
        ],
        { env, timeout: 5_000 },
      )
      if (new RegExp(`boolean\\s+${locked}`).test(stdout)) return
      last = stdout.trim()
    } catch (error) {
      last = String((error as { stderr?: string }).stderr ?? error)
    }
    await sleep(50)
  }
  throw new Error(`the private login keyring did not become ${locked ? 'locked' : 'unlocked'}: ${last}`)
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within 10 s: ${stderr}`)), 10_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      lines.close()
      resolve(line.trim())
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited with ${code}: ${stderr}`))
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(timer)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
