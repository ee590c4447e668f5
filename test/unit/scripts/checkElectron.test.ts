import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const script = join(import.meta.dirname, '../../../scripts/check-electron.mjs')
const advice =
  'Run `node node_modules/electron/install.js` with network access, or try the real UI in a browser with `npm run dev:web`.'

// A stand-in project: the real script under scripts/ and a stand-in electron package beside it,
// so the script resolves `electron` exactly as it does in the repo.
function standInProject(electron: { pathTxt?: string; binary?: string }): string {
  const root = mkdtempSync(join(tmpdir(), 'sightline-check-electron-'))
  mkdirSync(join(root, 'scripts'))
  copyFileSync(script, join(root, 'scripts', 'check-electron.mjs'))
  const electronDir = join(root, 'node_modules', 'electron')
  mkdirSync(join(electronDir, 'dist'), { recursive: true })
  writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }))
  if (electron.pathTxt !== undefined) writeFileSync(join(electronDir, 'path.txt'), electron.pathTxt)
  if (electron.binary !== undefined) writeFileSync(join(electronDir, 'dist', electron.binary), '')
  return root
}

function run(root: string, env: Record<string, string> = {}) {
  const cleanEnv = { ...process.env }
  delete cleanEnv.ELECTRON_EXEC_PATH
  delete cleanEnv.ELECTRON_OVERRIDE_DIST_PATH
  return spawnSync(process.execPath, [join(root, 'scripts', 'check-electron.mjs')], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    encoding: 'utf8',
  })
}

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('npm start before Electron can start', () => {
  it('missing binary download: one line saying what happened and the two ways on, exit code 1', () => {
    const root = standInProject({})
    roots.push(root)
    const result = run(root)
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      `Sightline cannot start: Electron's binary is not installed (its download failed or was skipped). ${advice}\n`,
    )
  })

  it('path.txt written but the executable gone: the same advice, naming the folder relative to the project', () => {
    const root = standInProject({ pathTxt: 'electron' })
    roots.push(root)
    const result = run(root)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `Sightline cannot start: Electron's binary is missing from node_modules/electron/dist (its download failed or was removed). ${advice}\n`,
    )
  })

  it('ELECTRON_EXEC_PATH naming no file: says so in one line, exit code 1', () => {
    const root = standInProject({ pathTxt: 'electron', binary: 'electron' })
    roots.push(root)
    const missing = join(root, 'nowhere', 'electron')
    const result = run(root, { ELECTRON_EXEC_PATH: missing })
    expect(result.status).toBe(1)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('ELECTRON_EXEC_PATH points at nowhere/electron, which does not exist')
  })

  it('binary in place: silent, exit code 0, so the npm script goes on to electron-vite', () => {
    const root = standInProject({ pathTxt: 'electron', binary: 'electron' })
    roots.push(root)
    const result = run(root)
    expect(result.status).toBe(0)
    expect(result.stdout + result.stderr).toBe('')
  })
})
