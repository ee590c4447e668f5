import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix, resolve } from 'node:path'
import { DockerfileParser, type Copy, type Env } from 'dockerfile-ast'
import { validate } from 'dockerfile-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeLiveServer } from '../../support/fakeLive/fakeLiveServer'
import { freeLoopbackPort } from '../../support/redisServer'
import { askToken, CODE_A, ORG_KEY } from '../../support/tokenService/tokenServiceHarness'

// No Docker here (and no registry for node:24-bookworm-slim), so the image is never built. What
// can be proven without it is proven from the Dockerfile itself, parsed by dockerfile-ast and
// linted by dockerfile-utils: its sources, its layout, its CMD, its ENV and its HEALTHCHECK.
const root = resolve(import.meta.dirname, '../../..')
const DOCKERFILE = 'services/token-service/Dockerfile'
const text = readFileSync(join(root, DOCKERFILE), 'utf8')
const image = DockerfileParser.parse(text)
const servicePackage = JSON.parse(readFileSync(join(root, 'services/token-service/package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> }
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }

const workdir = image.getInstructions().filter((i) => i.getKeyword() === 'WORKDIR').at(-1)!.getArguments()[0]!.getValue()
const copies = image.getCOPYs().map((copy: Copy) => {
  const args = copy.getArguments().map((a) => a.getValue())
  return { sources: args.slice(0, -1), destination: posix.resolve(workdir, args.at(-1)!) + (args.at(-1)!.endsWith('/') ? '/' : '') }
})
const env = Object.fromEntries(image.getENVs().flatMap((e: Env) => e.getProperties().map((p) => [p.getName(), p.getValue() ?? ''])))
const cmd = image.getCMDs().at(-1)!.getJSONStrings().map((s) => s.getJSONValue())

/** Where a repository file lands in the image, or null when no COPY takes it. */
function imagePathOf(repoPath: string): string | null {
  for (const { sources, destination } of copies) {
    for (const source of sources) {
      const intoFolder = destination.endsWith('/') || sources.length > 1
      if (repoPath === source) return intoFolder ? posix.join(destination, posix.basename(source)) : destination
      if (repoPath.startsWith(`${source}/`)) return posix.join(destination, repoPath.slice(source.length + 1))
    }
  }
  return null
}

/** Every repository file main.ts loads (relative imports, followed) and every package it names. */
function loadedBy(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = []
  const packages = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (files.includes(file)) continue
    files.push(file)
    const source = readFileSync(join(root, file), 'utf8')
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      if (specifier!.startsWith('.')) pending.push(posix.join(posix.dirname(file), specifier!.endsWith('.ts') ? specifier! : `${specifier}.ts`))
      else if (!specifier!.startsWith('node:')) packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!)
    }
  }
  return { files, packages }
}

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

describe('the token service\'s Dockerfile (no image is built here: no Docker, no registry for the base image)', () => {
  it('passes dockerfile-utils\' lint with no error or warning', () => {
    expect(validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([])
  })

  it('copies sources that exist, none of them kept out of the build context by its .dockerignore', () => {
    const ignore = readFileSync(join(root, `${DOCKERFILE}.dockerignore`), 'utf8').split('\n').map((l) => l.trim())
    expect(ignore).toContain('*')
    for (const source of copies.flatMap((c) => c.sources)) {
      expect(existsSync(join(root, source)), source).toBe(true)
      expect(ignore, `${source} is sent to the builder`).toContain(`!${source}`)
    }
  })

  it('copies every file main.ts loads to its repository path under WORKDIR, so relative imports resolve; every package it names is a dependency the image installs', () => {
    const { files, packages } = loadedBy('services/token-service/src/main.ts')
    expect(files).toContain('shared/tokenServiceWire.ts')
    for (const file of files) expect(imagePathOf(file), file).toBe(posix.join(workdir, file))
    for (const name of [...packages, 'tsx']) expect(servicePackage.dependencies, name).toHaveProperty(name)
    expect(imagePathOf('services/token-service/package-lock.json')).toBe(posix.join(workdir, 'package-lock.json'))
  })

  it('starts the service exactly as `npm run token-service` does, on the port it exposes', () => {
    expect(cmd.join(' ')).toBe(rootPackage.scripts['token-service'])
    expect(cmd.join(' ')).toBe(servicePackage.scripts.start)
    const exposed = image.getInstructions().find((i) => i.getKeyword() === 'EXPOSE')!.getArguments()[0]!.getValue()
    expect(exposed).toBe(env.TOKEN_SERVICE_PORT)
    expect(env.TOKEN_SERVICE_HOST).toBe('0.0.0.0')
  })

  // The HEALTHCHECK is shell form: /bin/sh runs it, as in the Linux image.
  it.skipIf(process.platform === 'win32')('laid out as it copies them, the files start with its CMD and ENV, print the URL, mint a token, and pass its HEALTHCHECK (which fails once the service is gone)', async () => {
    const srv = mkdtempSync(join(tmpdir(), 'sightline-image-'))
    cleanups.push(() => rmSync(srv, { recursive: true, force: true }))
    for (const { sources, destination } of copies) {
      for (const source of sources) {
        const target = join(srv, posix.relative(workdir, imagePathOf(source) ?? destination))
        mkdirSync(dirname(target), { recursive: true })
        cpSync(join(root, source), target, { recursive: true })
      }
    }
    // The image's `npm ci --omit=dev` installs the same pinned versions as the repository's own
    // node_modules (tokenServicePackage.test.ts), which stand in for it here.
    symlinkSync(join(root, 'node_modules'), join(srv, 'node_modules'), 'dir')
    const fake = new FakeLiveServer({ acceptKey: (key) => key === ORG_KEY })
    await fake.start()
    cleanups.push(() => fake.stop())
    const port = String(await freeLoopbackPort())
    const containerEnv = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...env, TOKEN_SERVICE_PORT: port, GEMINI_API_KEY: ORG_KEY, TOKEN_SERVICE_ACCESS_CODES: CODE_A, GOOGLE_GEMINI_BASE_URL: fake.baseUrl }
    expect(cmd[0]).toBe('node')
    const service = spawn(process.execPath, cmd.slice(1), { cwd: srv, env: containerEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    cleanups.push(async () => {
      if (service.exitCode === null && service.signalCode === null) {
        service.kill('SIGTERM')
        await once(service, 'exit')
      }
    })
    let output = ''
    service.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    await new Promise<void>((done, fail) => {
      service.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk
        if (output.split('\n').includes(`http://0.0.0.0:${port}`)) done()
      })
      service.once('exit', (code) => fail(new Error(`the service exited ${code}: ${output}`)))
    })
    expect((await askToken(`http://127.0.0.1:${port}`, CODE_A)).status).toBe(200)

    const healthcheck = image.getHEALTHCHECKs()[0]!.getRawArgumentsContent()!.replace(/^[^]*?\bCMD\s+/, '')
    const probe = () => spawnSync('/bin/sh', ['-c', healthcheck], { cwd: srv, env: containerEnv, timeout: 10_000 }).status
    expect(probe()).toBe(0)
    service.kill('SIGTERM')
    expect(await once(service, 'exit')).toEqual([0, null])
    expect(probe()).toBe(1)
  })
})
