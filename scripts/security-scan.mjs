#!/usr/bin/env node
// Runs @doyensec/electronegativity over the sources and the built app and fails on any finding.
// electronegativity exits 0 even with findings, so its SARIF report is read instead.
//
// Checks that are "manual review" by design (e.g. every non-literal shell.openExternal call) can
// be marked reviewed in scripts/security-reviewed.json: each entry pins the check, the file and
// the exact source line (or a text the file must contain, for HTML), with the reason it is safe.
// Change the line and the review lapses.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const stage = mkdtempSync(join(tmpdir(), 'sightline-scan-'))
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
const reviewed = JSON.parse(readFileSync(join(import.meta.dirname, 'security-reviewed.json'), 'utf8'))

// Only our code: the sources, the renderer page and the built bundles, never node_modules.
for (const dir of ['electron', 'shared', 'renderer', 'out/main', 'out/preload', 'out/renderer']) {
  if (existsSync(join(root, dir))) cpSync(join(root, dir), join(stage, dir), { recursive: true })
}
cpSync(join(root, 'package.json'), join(stage, 'package.json'))

const report = join(stage, 'report.sarif')
// Run through node with a got that never retries: offline, got 11's retry crashes the scan (see the preload).
const cli = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js')
const offline = join(import.meta.dirname, 'electronegativity-offline.cjs')
const run = spawnSync(process.execPath, ['--require', offline, cli, '-i', stage, '-o', report, '-r', '-e', electronVersion], {
  cwd: root,
  encoding: 'utf8',
})
const output = `${run.stdout}\n${run.stderr}`
let failed = false
if (!existsSync(report)) {
  console.error(output)
  console.error('electronegativity produced no report')
  process.exit(1)
}
// A file electronegativity could not parse was not checked: that is a failure, not a pass.
const unparsed = output.split('\n').filter((l) => /error parsing|unable to parse|SyntaxError|Skipping/i.test(l))
if (unparsed.length) {
  console.error('electronegativity could not parse some files:\n' + unparsed.join('\n'))
  failed = true
}

const results = JSON.parse(readFileSync(report, 'utf8')).runs[0].results
const findings = []
const accepted = []
for (const r of results) {
  const loc = r.locations?.[0]?.physicalLocation
  const file = (loc?.artifactLocation?.uri ?? '').replace(/^file:\/*/, '')
  const line = loc?.region?.startLine ?? 0
  const text = file && existsSync(join(stage, file)) ? (readFileSync(join(stage, file), 'utf8').split('\n')[line - 1] ?? '').trim() : ''
  const fileText = file && existsSync(join(stage, file)) ? readFileSync(join(stage, file), 'utf8') : ''
  const review = reviewed.find(
    (e) => e.check === r.ruleId && e.files.some((f) => file === f) && (e.line ? e.line === text : fileText.includes(e.fileContains)),
  )
  const entry = `${r.ruleId} ${file}:${line} ${text ? `\`${text}\`` : ''} — ${r.message.text}`
  if (review) accepted.push(`${entry}\n      reviewed: ${review.reason}`)
  else findings.push(entry)
}
if (process.env.KEEP_SCAN) console.log(stage); else rmSync(stage, { recursive: true, force: true })

console.log(`electronegativity ${electronVersion}: ${results.length} result(s), ${accepted.length} reviewed, ${findings.length} finding(s)`)
for (const a of accepted) console.log(`  reviewed  ${a}`)
for (const f of findings) console.error(`  FINDING   ${f}`)
process.exit(failed || findings.length ? 1 : 0)
