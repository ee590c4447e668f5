#!/usr/bin/env node
// `npm test`: every check the project has, in order, each counted; the last line sums up as
// "N passed, N failed, N skipped". A check that cannot run is a failure, never a pass.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { ensureSystemDeps } from './ensure-system-deps.mjs'
import { suiteLabel } from './suite-label.mjs'

const root = join(import.meta.dirname, '..')

// Electron 45 runs main-process code on Node 24, so every Node-side check runs on it too.
console.log(`Node ${process.version}`)
const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim().replace(/^v/, '')
if (process.versions.node.split('.')[0] !== wanted.split('.')[0]) {
  console.error(`npm test needs Node ${wanted} (the Node Electron 45 runs main on); this is ${process.version}.`)
  console.error('Install it with: export PATH="$(bash scripts/install-node.sh):$PATH"')
  console.log('0 passed, 1 failed, 0 skipped')
  process.exit(1)
}
const reports = join(root, 'test-results', 'reports')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const lines = []
const only = process.argv.slice(2)

function run(cmd, args, env = {}) {
  const started = Date.now()
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return { status: result.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) }
}

/** A step that is one check: its exit code decides. */
function check(name, cmd, args, env) {
  if (only.length && !only.includes(name)) return
  console.log(`\n▶ ${name}`)
  const { status, seconds } = run(cmd, args, env)
  if (status === 0) totals.passed++
  else totals.failed++
  lines.push(`${status === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)`)
}

/** A step that runs a test suite: its report decides the counts; a crash without a report is one failure. */
function suite(name, cmd, args, reportFile, parse, env) {
  if (only.length && !only.includes(name)) return
  console.log(`\n▶ ${name}`)
  const { status, seconds } = run(cmd, args, env)
  let counts
  try {
    counts = parse(JSON.parse(readFileSync(reportFile, 'utf8')))
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 }
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  lines.push(`${suiteLabel(counts).padEnd(4)} ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds}s)`)
}

// A test file that fails to load has no failed tests of its own, so it counts once.
const vitestCounts = (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + (r.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length,
  skipped: r.numPendingTests + (r.numTodoTests ?? 0),
})
const playwrightCounts = (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ? 1 : 0), skipped: r.stats.skipped })

const vitest = (project) => {
  const file = join(reports, `${project}.json`)
  return [
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    file,
  ]
}
const playwright = (config, name) => {
  const file = join(reports, `${name}.json`)
  return ['npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], file, { PLAYWRIGHT_JSON_OUTPUT_NAME: file }]
}

if (!only.length || only.includes('system')) {
  console.log('▶ system tools')
  const ok = ensureSystemDeps()
  if (ok) totals.passed++
  else totals.failed++
  lines.push(`${ok ? 'ok  ' : 'FAIL'} system tools present`)
}
check('lint', 'npx', ['eslint', '.'])
check('typecheck:node', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit'])
check('typecheck:web', 'npx', ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit'])
check('typecheck:tests', 'npx', ['tsc', '-p', 'tsconfig.test.json', '--noEmit'])
check('build', 'node', ['scripts/build-all.mjs'])
{
  const [cmd, args, file] = vitest('unit')
  suite('unit', cmd, args, file, vitestCounts)
}
{
  const [cmd, args, file] = vitest('integration')
  suite('integration', cmd, args, file, vitestCounts)
}
if (existsSync(join(root, 'test/e2e/playwright.config.ts'))) {
  const [cmd, args, file, env] = playwright('test/e2e/playwright.config.ts', 'e2e')
  suite('e2e', cmd, args, file, playwrightCounts, env)
}
if (existsSync(join(root, 'test/electron/playwright.config.ts'))) {
  const [cmd, args, file, env] = playwright('test/electron/playwright.config.ts', 'electron')
  suite('electron', cmd, args, file, playwrightCounts, env)
}
check('security', 'node', ['scripts/security-scan.mjs'])

console.log('\nSummary')
for (const line of lines) console.log(`  ${line}`)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
