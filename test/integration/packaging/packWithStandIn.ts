import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { linkTree } from './linkTree'
import { createStandInElectron } from './standInElectron'

const run = promisify(execFile)

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../../..')

/** A fake Google API key, assembled at runtime so no key-shaped literal sits in the sources. */
export const plantedKey = ['AI', 'za', 'Sy', 'PLANTED-packaging-test-0123456789ab'].join('').slice(0, 39)

/** What one offline packaging run produced. */
export interface PackedApp {
  /** The staged project electron-builder packed: package files, node_modules, fresh `out/`. */
  readonly stageDir: string
  /** electron-builder's unpacked Linux app folder (`linux-unpacked`). */
  readonly appOutDir: string
  readonly executable: string
  readonly resourcesDir: string
  readonly asarPath: string
  readonly unpackedDir: string
  /** electron-builder's console output, for failure messages. */
  readonly log: string
}

/** Files a careless `files` list would sweep into the package; each must stay out. */
async function plantHazards(stageDir: string): Promise<void> {
  const env = `GEMINI_API_KEY=${plantedKey}\n`
  await writeFile(join(stageDir, '.env'), env)
  await writeFile(join(stageDir, 'out/main/.env'), env)
  await writeFile(join(stageDir, 'out/main/.env.local'), env)
  await writeFile(join(stageDir, 'out/main/index.test.js'), 'throw new Error("a test file was packaged")\n')
  await writeFile(join(stageDir, 'out/main/leftover.ts'), 'export const source = "a TypeScript source was packaged"\n')
  // The project's own source folders sit beside out/, as they do in the repository.
  for (const folder of ['electron', 'renderer', 'shared', 'test', 'bench', 'scripts']) {
    await symlink(join(repoRoot, folder), join(stageDir, folder), 'dir')
  }
}

/**
 * Packs Sightline the way `npm run dist` does — the same electron-builder CLI and the same
 * `scripts/electron-builder.config.ts` — for `linux dir`, in a staged copy of the project under
 * `workDir`, with three offline substitutions: a stand-in Electron (`electronDist`), no native
 * rebuild (it downloads Electron headers; sharp, keytar and uiohook-napi are N-API and already
 * built for this machine) and an output folder under `workDir`. The staged `out/` is a fresh
 * electron-vite build with source maps switched on, plus planted hazards (.env files with a
 * key-shaped value, a test file, a .ts source), so the package filter is tested against the
 * things it must keep out.
 */
export async function packWithStandIn(workDir: string): Promise<PackedApp> {
  const stageDir = join(workDir, 'stage')
  await mkdir(stageDir, { recursive: true })
  await cp(join(repoRoot, 'package.json'), join(stageDir, 'package.json'))
  await cp(join(repoRoot, 'package-lock.json'), join(stageDir, 'package-lock.json'))
  await cp(join(repoRoot, 'resources'), join(stageDir, 'resources'), { recursive: true })
  await linkTree(join(repoRoot, 'node_modules'), join(stageDir, 'node_modules'))

  await run(join(repoRoot, 'node_modules/.bin/electron-vite'), ['build', '--outDir', join(stageDir, 'out'), '--sourcemap'], {
    cwd: repoRoot,
    maxBuffer: 32 * 1024 * 1024,
  })
  await plantHazards(stageDir)

  const electronPackage = JSON.parse(await readFile(join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  const electronDist = await createStandInElectron(join(workDir, 'electron-dist'), electronPackage.version)
  const outputDir = join(workDir, 'dist')

  // Signing and notarization credentials stay out: this run must never try to sign anything.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CSC_|WIN_CSC_|APPLE_|SIGHTLINE_REQUIRE_SIGNING)/.test(name)),
  )
  const { stdout, stderr } = await run(
    process.execPath,
    [
      join(repoRoot, 'node_modules/electron-builder/cli.js'),
      '--config',
      join(repoRoot, 'scripts/electron-builder.config.ts'),
      '--projectDir',
      stageDir,
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${outputDir}`,
    ],
    { cwd: stageDir, env: { ...env, ELECTRON_BUILDER_CACHE: join(workDir, 'cache') }, maxBuffer: 32 * 1024 * 1024 },
  )

  const appFolder = (await readdir(outputDir)).find((name) => /^linux(-[a-z0-9]+)?-unpacked$/.test(name))
  if (!appFolder) throw new Error(`electron-builder produced no linux-unpacked folder:\n${stdout}\n${stderr}`)
  const appOutDir = join(outputDir, appFolder)
  const resourcesDir = join(appOutDir, 'resources')
  return {
    stageDir,
    appOutDir,
    executable: join(appOutDir, 'sightline'),
    resourcesDir,
    asarPath: join(resourcesDir, 'app.asar'),
    unpackedDir: join(resourcesDir, 'app.asar.unpacked'),
    log: `${stdout}\n${stderr}`,
  }
}
