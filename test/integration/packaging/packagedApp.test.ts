import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBuilderConfig, unpackedNativeModules } from '../../../scripts/electron-builder.config'
import { listPackagedFiles, readPackagedFile, type PackagedFile } from './asarInventory'
import { packWithStandIn, plantedKey, type PackedApp } from './packWithStandIn'
import { stockFuseWire } from './standInElectron'

const googleKeyPattern = /AIza[0-9A-Za-z_-]{35}/
const arch = process.arch

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

// Packaging runs for Linux here: the stand-in is a Linux Electron layout and the installed native
// binaries (sharp's @img packages, keytar, uiohook-napi) are the ones for this machine.
describe.skipIf(process.platform !== 'linux')('the packaged app (electron-builder, linux dir, stand-in Electron)', () => {
  let workDir = ''
  let app: PackedApp
  let files: PackagedFile[]

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'sightline-packaging-'))
    app = await packWithStandIn(workDir)
    files = listPackagedFiles(app.asarPath)
  }, 180_000)

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('carries the freshly built main, preload and renderer bundles, byte for byte', async () => {
    const builtOut = join(app.stageDir, 'out')
    const bundles = (await filesUnder(builtOut))
      .map((file) => relative(app.stageDir, file))
      .filter((path) => !path.endsWith('.map') && !basename(path).startsWith('.env') && !/\.(test\.js|ts)$/.test(path))
    expect(bundles).toEqual(expect.arrayContaining(['out/main/index.js', 'out/main/uiohookProbe.js', 'out/preload/index.cjs', 'out/renderer/index.html']))
    expect(bundles.some((path) => /^out\/renderer\/assets\/.+\.js$/.test(path))).toBe(true)

    for (const path of bundles) {
      const packaged = files.find((file) => file.path === path)
      expect(packaged, `${path} is in the asar`).toBeDefined()
      expect(packaged!.unpacked, `${path} stays inside the asar`).toBe(false)
      expect((await readPackagedFile(app.asarPath, packaged!)).equals(await readFile(join(app.stageDir, path)))).toBe(true)
    }
  })

  it('ships main bundles that parse, the keyboard-hook probe (a utilityProcess entry) among them', async () => {
    const mainBundles = files.filter((file) => /^out\/main\/[^/]+\.js$/.test(file.path) && !file.path.endsWith('.test.js'))
    expect(mainBundles.map((file) => file.path)).toEqual(expect.arrayContaining(['out/main/index.js', 'out/main/uiohookProbe.js']))
    const checkDir = await mkdtemp(join(tmpdir(), 'sightline-parse-'))
    try {
      for (const file of mainBundles) {
        // The packaged bytes, checked as ES modules as Electron loads them (package.json type: module).
        const copy = join(checkDir, basename(file.path).replace(/\.js$/, '.mjs'))
        await writeFile(copy, await readPackagedFile(app.asarPath, file))
        const checked = spawnSync(process.execPath, ['--check', copy], { encoding: 'utf8' })
        expect(checked.status, `${file.path}: ${checked.stderr}`).toBe(0)
      }
    } finally {
      await rm(checkDir, { recursive: true, force: true })
    }
  })

  it('starts from the built main entry and names the Linux desktop entry', async () => {
    const manifest = files.find((file) => file.path === 'package.json')!
    const pkg = JSON.parse((await readPackagedFile(app.asarPath, manifest)).toString('utf8')) as Record<string, unknown>
    expect(pkg.main).toBe('out/main/index.js')
    expect(pkg.productName).toBe('Sightline')
    expect(pkg.desktopName).toBe('sightline.desktop')
    expect(pkg.scripts).toBeUndefined()
    expect(pkg.devDependencies).toBeUndefined()
  })

  it('unpacks every native module beside the asar, binaries included', () => {
    for (const name of unpackedNativeModules) {
      const moduleFiles = files.filter((file) => file.path.startsWith(`node_modules/${name}/`))
      expect(moduleFiles.length, `${name} is packaged`).toBeGreaterThan(0)
      expect(moduleFiles.filter((file) => !file.unpacked).map((file) => file.path), `${name} is wholly unpacked`).toEqual([])
    }
    const binaries = files.filter((file) => /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/.test(file.path))
    expect(binaries.filter((file) => !file.unpacked).map((file) => file.path), 'no native binary is left inside the asar').toEqual([])
    const unpackedBinaries = binaries.map((file) => file.path)
    expect(unpackedBinaries).toEqual(
      expect.arrayContaining([
        'node_modules/keytar/build/Release/keytar.node',
        `node_modules/uiohook-napi/prebuilds/linux-${arch}/uiohook-napi.node`,
        `node_modules/@miniben90/x-win-linux-${arch}-gnu/x-win.linux-${arch}-gnu.node`,
        expect.stringMatching(new RegExp(`^node_modules/@img/sharp-linux-${arch}/lib/sharp-linux-${arch}.*\\.node$`)),
        expect.stringMatching(new RegExp(`^node_modules/@img/sharp-libvips-linux-${arch}/lib/libvips-cpp\\.so`)),
      ]),
    )
  })

  it('the unpacked native binaries really are on disk beside the asar', async () => {
    const onDisk = new Set((await filesUnder(app.unpackedDir)).map((file) => relative(app.unpackedDir, file)))
    for (const file of files.filter((entry) => entry.unpacked)) expect(onDisk.has(file.path), file.path).toBe(true)
  })

  it('ships no test files, source maps, TypeScript sources, env files or project sources', () => {
    const paths = files.map((file) => file.path)
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([])
    expect(paths.filter((path) => /\.(ts|tsx|mts|cts|vue)$/.test(path))).toEqual([])
    expect(paths.filter((path) => /^\.env(\..*)?$/.test(basename(path)))).toEqual([])
    expect(paths.filter((path) => /(^|\/)(test|tests|__tests__)\//.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path))).toEqual([])
    expect(paths.filter((path) => path !== 'package.json' && !path.startsWith('out/') && !path.startsWith('node_modules/'))).toEqual([])
  })

  it('contains nothing that looks like a Google API key', async () => {
    expect(plantedKey).toMatch(googleKeyPattern) // the planted .env files would have been caught
    const hits: string[] = []
    for (const file of files) {
      if (googleKeyPattern.test((await readPackagedFile(app.asarPath, file)).toString('latin1'))) hits.push(file.path)
    }
    for (const file of await filesUnder(app.appOutDir)) {
      if (file === app.asarPath) continue
      if (googleKeyPattern.test((await readFile(file)).toString('latin1'))) hits.push(relative(app.appOutDir, file))
    }
    expect(hits).toEqual([])
  })

  it('ships the app icon and a tray icon for every state, theme and scale beside the asar', async () => {
    const tray = await readdir(join(app.resourcesDir, 'tray'))
    for (const state of ['idle', 'listening', 'thinking', 'speaking', 'sharing', 'error']) {
      for (const variant of [`-light`, `-dark`, 'Template']) {
        expect(tray).toContain(`tray-${state}${variant}.png`)
        expect(tray).toContain(`tray-${state}${variant}@2x.png`)
      }
    }
    expect(await readdir(app.resourcesDir)).toContain('icon.png')
  })

  it('asks for the fuses issue 8 names, and electron-builder flips exactly those in the binary it packs', async () => {
    expect(createBuilderConfig({}).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })

    // The stand-in carries a stock fuse wire, so this reads back what electron-builder's fuse
    // step wrote; it proves the step ran with our settings, not how a real binary behaves.
    const wire = await getCurrentFuseWire(app.executable)
    // @electron/fuses stores a fuse as the ASCII digit '1' (on) or '0' (off).
    const on = '1'.charCodeAt(0)
    const off = '0'.charCodeAt(0)
    expect(wire[FuseV1Options.RunAsNode]).toBe(off)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on)
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(stockFuseWire.charCodeAt(6))
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(stockFuseWire.charCodeAt(7))
  })
})
