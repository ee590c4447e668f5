#!/usr/bin/env node
// Checks for the system tools the test suite drives for real, and installs the missing ones
// with apt-get when running as root on Debian. Elsewhere it names exactly what is missing.
import { execFileSync, spawnSync } from 'node:child_process'

/** tool to check → Debian package that provides it */
const needs = [
  { what: 'Chromium (e2e browser)', check: () => Boolean(process.env.CHROMIUM_PATH) || has('chromium'), pkg: 'chromium' },
  { what: 'Xvfb (virtual X server for the hotkey test)', check: () => has('Xvfb'), pkg: 'xvfb' },
  { what: 'xdotool (presses the hotkey)', check: () => has('xdotool'), pkg: 'xdotool' },
  { what: 'espeak-ng (speech for the fake microphone)', check: () => has('espeak-ng'), pkg: 'espeak-ng' },
  { what: 'sox (audio checks)', check: () => has('sox'), pkg: 'sox' },
  { what: 'gnome-keyring (Secret Service for keytar)', check: () => has('gnome-keyring-daemon'), pkg: 'gnome-keyring' },
  { what: 'D-Bus (a private session bus for the keychain tests)', check: () => has('dbus-daemon') && has('dbus-send'), pkg: 'dbus' },
  { what: 'secret-tool (checks what the keychain holds)', check: () => has('secret-tool'), pkg: 'libsecret-tools' },
  { what: 'libsecret headers (to build keytar)', check: () => pkgConfig('libsecret-1'), pkg: 'libsecret-1-dev' },
  { what: 'pkg-config', check: () => has('pkg-config'), pkg: 'pkg-config' },
  { what: 'redis-server (shared rate limits of the token service)', check: () => has('redis-server'), pkg: 'redis-server' },
]

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}
function pkgConfig(lib) {
  return spawnSync('pkg-config', ['--exists', lib], { stdio: 'ignore' }).status === 0
}

export function ensureSystemDeps({ quiet = false } = {}) {
  let missing = needs.filter((n) => !n.check())
  if (missing.length === 0) return true
  const isRoot = process.getuid?.() === 0
  if (isRoot && has('apt-get')) {
    const pkgs = [...new Set(missing.map((m) => m.pkg))]
    if (!quiet) console.log(`Installing missing system packages: ${pkgs.join(' ')}`)
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs, 'fonts-dejavu-core'], { stdio: 'inherit', env })
    missing = needs.filter((n) => !n.check())
  }
  if (missing.length > 0) {
    console.error('These system tools are missing and could not be installed here:')
    for (const m of missing) console.error(`  - ${m.what}: Debian package "${m.pkg}"`)
    return false
  }
  return true
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureSystemDeps() ? 0 : 1)
