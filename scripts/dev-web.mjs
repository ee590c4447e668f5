#!/usr/bin/env node
// `npm run dev:web`: builds the renderer and the harness bridge, then serves them on 127.0.0.1
// with the real main-side router and engine running in Node (no Electron needed). The child
// prints the URL to open: http://127.0.0.1:<port>/#token=<per-run token>. The token lives in the
// fragment and the page's sessionStorage, never in a cookie (see README, "The browser harness").
import { spawnSync, spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const build = spawnSync('node', ['scripts/build-all.mjs'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const child = spawn('node', ['--import', 'tsx', 'electron/main/harness/harnessCli.ts'], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
