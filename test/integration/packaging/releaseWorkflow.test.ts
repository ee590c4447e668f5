import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { parse } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from './packWithStandIn'

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Workflow {
  on: { push?: { tags?: string[] }; workflow_dispatch?: unknown }
  permissions?: Record<string, string>
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>
}

describe('the release workflow (.github/workflows/release.yml)', () => {
  let source = ''
  let workflow: Workflow
  let steps: Step[]

  beforeAll(async () => {
    source = await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8')
    workflow = parse(source) as Workflow
    steps = workflow.jobs.installers!.steps
  })

  it('is a valid GitHub Actions workflow by the published schema', () => {
    expect(validateWorkflow(source).errors).toEqual([])
  })

  it('the validator does reject a broken workflow, so the check above means something', () => {
    expect(validateWorkflow('name: broken\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors).not.toEqual([])
  })

  it('builds on macOS, Windows and Linux hosted runners, for version tags or by hand', () => {
    const job = workflow.jobs.installers!
    expect(job['runs-on']).toBe('${{ matrix.os }}')
    expect([...job.strategy.matrix.os].sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    expect(workflow.on.push?.tags).toEqual(['v*'])
    expect(workflow.on).toHaveProperty('workflow_dispatch')
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })

  it('installs the Node from .nvmrc with npm ci, then builds the installers with npm run dist', async () => {
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'))
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc')
    expect((await readFile(join(repoRoot, '.nvmrc'), 'utf8')).trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const runs = steps.map((step) => step.run ?? '')
    const ci = runs.findIndex((run) => /^npm ci\b/m.test(run))
    const dist = runs.findIndex((run) => /^npm run dist\b/m.test(run))
    expect(ci).toBeGreaterThan(-1)
    expect(dist).toBeGreaterThan(ci)
  })

  it('runs the Electron smoke suite on the built app, under Xvfb on Linux, before packaging', () => {
    const smoke = steps.filter((step) => step.run?.includes('npm run test:electron'))
    const linux = smoke.find((step) => step.if === "runner.os == 'Linux'")
    const others = smoke.find((step) => step.if === "runner.os != 'Linux'")
    expect(linux?.run).toMatch(/^xvfb-run .*npm run test:electron$/)
    expect(others?.run).toBe('npm run test:electron')
    const build = steps.findIndex((step) => step.run === 'npm run build')
    const dist = steps.findIndex((step) => step.run === 'npm run dist')
    for (const step of smoke) {
      expect(steps.indexOf(step)).toBeGreaterThan(build)
      expect(steps.indexOf(step)).toBeLessThan(dist)
    }
  })

  it('publishes a tag\'s installers and the updater feeds as a GitHub Release (a -beta tag as a prerelease), with write access only there', () => {
    const publish = (workflow.jobs as unknown as Record<string, { needs?: string; if?: string; permissions?: Record<string, string>; steps: Step[] }>).publish!
    expect(publish.needs).toBe('installers')
    expect(publish.if).toBe("startsWith(github.ref, 'refs/tags/v')")
    expect(publish.permissions).toEqual({ contents: 'write' })
    const run = publish.steps.map((step) => step.run ?? '').join('\n')
    expect(run).toContain('gh release upload')
    expect(run).toContain('--prerelease')
    expect(run).toContain('stagingPercentage')
    const upload = steps.find((step) => step.name === 'Upload installers')
    for (const feed of ['dist/latest*.yml', 'dist/beta*.yml', 'dist/*.zip']) expect(String(upload?.with?.path)).toContain(feed)
  })

  it('uploads every installer kind as an artifact', () => {
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@') && step.name === 'Upload installers')
    const paths = String(upload?.with?.path ?? '')
    for (const kind of ['*.dmg', '*.exe', '*.AppImage', '*.deb']) expect(paths).toContain(`dist/${kind}`)
    expect(upload?.with?.['if-no-files-found']).toBe('error')
  })

  it('passes signing and notarization secrets only through env, never spliced into a script', () => {
    for (const step of steps) expect(step.run ?? '', step.name).not.toMatch(/\$\{\{\s*secrets\./)
    const secretNames = [...source.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((match) => match[1])
    expect(secretNames).toEqual(
      expect.arrayContaining(['MAC_CSC_LINK', 'WIN_CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']),
    )
  })

  it('calls only npm scripts that exist', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    const called = steps.flatMap((step) => [...(step.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!))
    expect(called.length).toBeGreaterThan(0)
    for (const script of called) expect(Object.keys(pkg.scripts)).toContain(script)
  })
})

interface CiJob {
  'runs-on': string
  needs?: string | string[]
  container?: string
  strategy?: { matrix: { os: string[] } }
  steps: Step[]
}

describe('the CI workflow (.github/workflows/ci.yml)', () => {
  let source = ''
  let workflow: { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, CiJob> }

  beforeAll(async () => {
    source = await readFile(join(repoRoot, '.github/workflows/ci.yml'), 'utf8')
    workflow = parse(source) as typeof workflow
  })

  it('is a valid GitHub Actions workflow by the published schema', () => {
    expect(validateWorkflow(source).errors).toEqual([])
  })

  it('runs on every push and pull request, reading the repository only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push'])
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })

  it('runs npm test after npm ci, on the Node from .nvmrc, on Debian where the suite can install its tools', () => {
    const job = workflow.jobs.test!
    expect(job.container).toMatch(/^debian:/)
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc')
    const runs = job.steps.map((step) => step.run ?? '')
    const ci = runs.findIndex((run) => /^npm ci\b/m.test(run))
    const test = runs.findIndex((run) => run === 'npm test')
    expect(ci).toBeGreaterThan(-1)
    expect(test).toBeGreaterThan(ci)
    // No display in the container: the Electron suite skips there (saying so) and runs in its own job.
    expect(job.steps[ci]!.env?.ELECTRON_SKIP_BINARY_DOWNLOAD).toBe('1')
  })

  it('then runs the Electron smoke suite on Ubuntu (under xvfb-run), macOS and Windows, on the built app', () => {
    const job = workflow.jobs.electron!
    expect(job.needs).toBe('test')
    expect(job['runs-on']).toBe('${{ matrix.os }}')
    expect([...job.strategy!.matrix.os].sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc')
    const smoke = job.steps.filter((step) => step.run?.includes('npm run test:electron'))
    expect(smoke.find((step) => step.if === "runner.os == 'Linux'")?.run).toMatch(/^xvfb-run .*npm run test:electron$/)
    expect(smoke.find((step) => step.if === "runner.os != 'Linux'")?.run).toBe('npm run test:electron')
    const build = job.steps.findIndex((step) => step.run === 'npm run build')
    const binary = job.steps.findIndex((step) => step.run === 'node node_modules/electron/install.js')
    for (const step of smoke) {
      expect(job.steps.indexOf(step)).toBeGreaterThan(build)
      expect(job.steps.indexOf(step)).toBeGreaterThan(binary)
    }
    // The smoke suite holds the hotkey with xdotool on Linux (test/electron/hotkeyChord.ts).
    expect(job.steps.some((step) => step.if === "runner.os == 'Linux'" && /\bxdotool\b/.test(step.run ?? ''))).toBe(true)
  })

  it('uses no secrets and calls only npm scripts that exist', async () => {
    expect(source).not.toMatch(/secrets\./)
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)
    const called = steps.flatMap((step) => [...(step.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!))
    expect(called).toEqual(expect.arrayContaining(['build', 'test:electron']))
    for (const script of called) expect(Object.keys(pkg.scripts)).toContain(script)
  })
})
