import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from './packWithStandIn'

const run = promisify(execFile)
const resources = join(repoRoot, 'resources')
const trayStates = ['idle', 'listening', 'thinking', 'speaking', 'sharing', 'error']

interface IconImage {
  readonly width: number
  readonly height: number
  readonly format: 'png' | 'bmp'
  readonly data: Buffer
}

/** Reads an ICO by its own rules (an independent check of what scripts/make-icons.mjs writes). */
function parseIco(file: Buffer): IconImage[] {
  expect(file.readUInt16LE(0)).toBe(0)
  expect(file.readUInt16LE(2)).toBe(1)
  const count = file.readUInt16LE(4)
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i
    const width = file.readUInt8(at) || 256
    const height = file.readUInt8(at + 1) || 256
    const size = file.readUInt32LE(at + 8)
    const offset = file.readUInt32LE(at + 12)
    const data = file.subarray(offset, offset + size)
    expect(offset + size).toBeLessThanOrEqual(file.length)
    const isPng = data.subarray(1, 4).toString('ascii') === 'PNG'
    return { width, height, format: isPng ? 'png' : 'bmp', data }
  })
}

/** Reads an ICNS: 'icns', the total length, then typed chunks that must tile the file exactly. */
function parseIcns(file: Buffer): Map<string, Buffer> {
  expect(file.subarray(0, 4).toString('ascii')).toBe('icns')
  expect(file.readUInt32BE(4)).toBe(file.length)
  const chunks = new Map<string, Buffer>()
  let at = 8
  while (at < file.length) {
    const type = file.subarray(at, at + 4).toString('ascii')
    const length = file.readUInt32BE(at + 4)
    expect(length).toBeGreaterThan(8)
    chunks.set(type, file.subarray(at + 8, at + length))
    at += length
  }
  expect(at).toBe(file.length)
  return chunks
}

/** A BMP icon entry's pixels as top-down RGBA, so it can be compared with a PNG. */
function bmpToRgba(entry: IconImage): Buffer {
  const { width, height, data } = entry
  expect(data.readUInt32LE(0)).toBe(40)
  expect(data.readInt32LE(4)).toBe(width)
  expect(data.readInt32LE(8)).toBe(height * 2)
  expect(data.readUInt16LE(14)).toBe(32)
  const rgba = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = 40 + ((height - 1 - y) * width + x) * 4
      const dst = (y * width + x) * 4
      rgba[dst] = data[src + 2]!
      rgba[dst + 1] = data[src + 1]!
      rgba[dst + 2] = data[src]!
      rgba[dst + 3] = data[src + 3]!
    }
  }
  return rgba
}

async function rgba(png: Buffer | string) {
  return sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
}

describe('app icons', () => {
  it('has a PNG for every size Linux desktops ask for', async () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const meta = await sharp(join(resources, 'icons', `${size}x${size}.png`)).metadata()
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', size, size, true])
    }
    const main = await sharp(join(resources, 'icon.png')).metadata()
    expect([main.width, main.height]).toEqual([1024, 1024])
  })

  it('has a Windows .ico whose every image decodes to the same pixels as the PNG of that size', async () => {
    const entries = parseIco(await readFile(join(resources, 'icon.ico')))
    expect(entries.map((entry) => entry.width)).toEqual([16, 24, 32, 48, 64, 128, 256])
    for (const entry of entries) {
      expect(entry.height).toBe(entry.width)
      const expected = await rgba(join(resources, 'icons', `${entry.width}x${entry.width}.png`))
      const actual = entry.format === 'png' ? (await rgba(entry.data)).data : bmpToRgba(entry)
      expect(actual.equals(expected.data), `${entry.width}px ${entry.format} entry`).toBe(true)
    }
  })

  it('has a macOS .icns with PNG chunks from 32 to 1024 px, each the size its type promises', async () => {
    const chunks = parseIcns(await readFile(join(resources, 'icon.icns')))
    const promised: Record<string, number> = { ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 }
    expect([...chunks.keys()].sort()).toEqual(Object.keys(promised).sort())
    for (const [type, png] of chunks) {
      const meta = await sharp(png).metadata()
      expect([type, meta.format, meta.width, meta.height]).toEqual([type, 'png', promised[type], promised[type]])
    }
  })
})

describe('tray icons', () => {
  it('exist for every state in light and dark themes and as macOS templates, at 1x and 2x', async () => {
    const tray = await readdir(join(resources, 'tray'))
    for (const state of trayStates) {
      for (const name of [`tray-${state}-light`, `tray-${state}-dark`, `tray-${state}Template`]) {
        for (const [suffix, size] of [['', 16], ['@2x', 32]] as const) {
          expect(tray).toContain(`${name}${suffix}.png`)
          const meta = await sharp(join(resources, 'tray', `${name}${suffix}.png`)).metadata()
          expect([meta.width, meta.height, meta.hasAlpha]).toEqual([size, size, true])
        }
      }
    }
  })

  it('macOS template images are pure black with alpha, as the menu bar needs to tint them', async () => {
    for (const state of trayStates) {
      const { data } = await rgba(join(resources, 'tray', `tray-${state}Template@2x.png`))
      let visible = 0
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue
        visible++
        expect([data[i], data[i + 1], data[i + 2]]).toEqual([0, 0, 0])
      }
      expect(visible).toBeGreaterThan(50)
    }
  })

  it('every state looks different from idle, so the tray shows what Sightline is doing', async () => {
    const idle = (await rgba(join(resources, 'tray', 'tray-idleTemplate@2x.png'))).data
    const seen = new Set<string>()
    for (const state of trayStates) {
      const pixels = (await rgba(join(resources, 'tray', `tray-${state}Template@2x.png`))).data
      if (state !== 'idle') expect(pixels.equals(idle), state).toBe(false)
      seen.add(pixels.toString('base64'))
    }
    expect(seen.size).toBe(trayStates.length)
  })

  it('light-theme icons draw dark ink and dark-theme icons light ink', async () => {
    const meanInk = async (file: string) => {
      const { data } = await rgba(join(resources, 'tray', file))
      let sum = 0
      let n = 0
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! < 200) continue
        sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3
        n++
      }
      return sum / n
    }
    expect(await meanInk('tray-idle-light@2x.png')).toBeLessThan(80)
    expect(await meanInk('tray-idle-dark@2x.png')).toBeGreaterThan(200)
  })
})

describe('scripts/make-icons.mjs', () => {
  let outDir = ''
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'sightline-icons-'))
    await run(process.execPath, [join(repoRoot, 'scripts/make-icons.mjs'), outDir])
  })
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true })
  })

  it('regenerates from the SVG sources exactly the icons that are committed', async () => {
    const list = async (dir: string) =>
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile() && /\.(png|ico|icns)$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
        .sort()
    const generated = await list(outDir)
    // svg/ holds the sources and docs/ the README's pictures; every other image is generated.
    expect(generated).toEqual((await list(resources)).filter((path) => !path.startsWith('svg/') && !path.startsWith('docs/')))
    for (const path of generated.filter((file) => file.endsWith('.png'))) {
      const [fresh, committed] = await Promise.all([rgba(join(outDir, path)), rgba(join(resources, path))])
      expect(fresh.data.equals(committed.data), `${path} is up to date with its SVG`).toBe(true)
    }
  })
})
