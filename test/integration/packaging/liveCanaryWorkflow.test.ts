import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { validateWorkflow } from '@action-validator/core'
import { parse } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from './packWithStandIn'

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Workflow {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown; push?: unknown; pull_request?: unknown }
  permissions?: Record<string, string>
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>
}

describe('the live canary workflow (.github/workflows/live-canary.yml)', () => {
  let source = ''
  let workflow: Workflow
  let steps: Step[]

  beforeAll(async () => {
    source = await readFile(join(repoRoot, '.github/workflows/live-canary.yml'), 'utf8')
    workflow = parse(source) as Workflow
    steps = workflow.jobs.canary!.steps
  })

  it('is a valid GitHub Actions workflow by the published schema', () => {
    expect(validateWorkflow(source).errors).toEqual([])
  })

  it('runs nightly and by hand, never on a push or pull request, with read-only permissions', () => {
    expect(workflow.on.schedule).toHaveLength(1)
    expect(workflow.on.schedule![0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/)
    expect(workflow.on).toHaveProperty('workflow_dispatch')
    expect(workflow.on).not.toHaveProperty('push')
    expect(workflow.on).not.toHaveProperty('pull_request')
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })

  it('runs npm run test:live with the GEMINI_API_KEY repository secret, passed only through env', async () => {
    const run = steps.find((step) => step.run === 'npm run test:live')
    expect(run?.env).toEqual({ GEMINI_API_KEY: '${{ secrets.GEMINI_API_KEY }}' })
    for (const step of steps) expect(step.run ?? '', step.name).not.toMatch(/\$\{\{\s*secrets\./)
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts['test:live']).toBe('node --import tsx scripts/live-canary.ts')
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'))
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc')
  })

  it('fails loudly rather than skipping when the secret is missing', () => {
    const guard = steps.findIndex((step) => step.run?.includes('if [ -z "$GEMINI_API_KEY" ]'))
    expect(guard).toBeGreaterThan(-1)
    expect(steps[guard]!.run).toMatch(/::error .*\n\s*exit 1/)
    expect(guard).toBeLessThan(steps.findIndex((step) => step.run === 'npm run test:live'))
  })

  it('is the only workflow that hands the key to anything: CI here never calls Google', async () => {
    const others = (await readdir(join(repoRoot, '.github/workflows'))).filter((f) => f !== 'live-canary.yml')
    for (const file of others) {
      const text = await readFile(join(repoRoot, '.github/workflows', file), 'utf8')
      expect(text, file).not.toContain('GEMINI_API_KEY')
      expect(text, file).not.toContain('test:live')
    }
  })
})
