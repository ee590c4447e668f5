#!/usr/bin/env node
/**
 * Renders every app and tray icon Sightline ships from the SVG sources in resources/svg/.
 *
 *   node scripts/make-icons.mjs [outDir]     (default: resources/)
 *
 * Writes
 *   icon.png                        1024 px, the source electron-builder and the window fall back to
 *   icons/<n>x<n>.png               the Linux set (16 … 1024)
 *   icon.ico                        Windows: 16–48 px as 32-bit BMP, 64–256 px as PNG
 *   icon.icns                       macOS: PNG chunks ic11 ic12 ic07 ic13 ic08 ic14 ic09 ic10
 *   tray/tray-<state>-<theme>.png   (+ @2x) coloured tray icons; <theme> is the OS theme they are
 *                                   for: `light` has dark ink, `dark` has light ink
 *   tray/tray-<state>Template.png   (+ @2x) macOS template images: black and alpha only
 *
 * The ICO and ICNS containers are written here because both are a header plus image entries
 * and no installed package writes them offline.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const svgDir = join(root, 'resources', 'svg')

export const trayStates = ['idle', 'listening', 'thinking', 'speaking', 'sharing', 'error']
export const linuxIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const icoSizes = [16, 24, 32, 48, 64, 128, 256]
/** ICNS chunk types and the pixel size each holds (Apple's "retina" types are the @2x ones). */
export const icnsChunks = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
]
const trayBaseSize = 16
const inkFor = { light: '#202124', dark: '#F1F3F4', template: '#000000' }

/** Renders an SVG at an exact square size: density scales the vector so nothing is upsampled. */
async function renderSvg(svg, viewBoxSize, size) {
  const density = Math.max(1, (72 * size) / viewBoxSize)
  return sharp(Buffer.from(svg), { density })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png({ compressionLevel: 9, palette: false })
    .toBuffer()
}

/** Recolours a tray SVG: ink through the root `color`, the state badge through the accent group's. */
function recolourTray(svg, theme) {
  let out = svg.replace(/(<svg[^>]*\scolor=")#[0-9A-Fa-f]{6}/, `$1${inkFor[theme]}`)
  if (theme === 'template') out = out.replace(/(class="accent" color=")#[0-9A-Fa-f]{6}/g, '$1#000000')
  return out
}

/** A 32-bit BMP (DIB) entry for an ICO: bottom-up BGRA rows, then an all-zero AND mask. */
async function icoBitmap(png) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const { width, height } = info
  const maskRow = Math.ceil(width / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(width, 4)
  header.writeInt32LE(height * 2, 8) // colour rows + mask rows, as ICO requires
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(0, 16)
  header.writeUInt32LE(width * height * 4 + maskRow * height, 20)
  const pixels = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4
      const dst = ((height - 1 - y) * width + x) * 4
      pixels[dst] = data[src + 2]
      pixels[dst + 1] = data[src + 1]
      pixels[dst + 2] = data[src]
      pixels[dst + 3] = data[src + 3]
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * height)])
}

/** ICO: ICONDIR, one 16-byte ICONDIRENTRY per image, then the images. */
export async function encodeIco(pngBySize) {
  const sizes = [...pngBySize.keys()].sort((a, b) => a - b)
  const images = await Promise.all(sizes.map((size) => (size >= 64 ? pngBySize.get(size) : icoBitmap(pngBySize.get(size)))))
  const head = Buffer.alloc(6 + 16 * sizes.length)
  head.writeUInt16LE(0, 0)
  head.writeUInt16LE(1, 2)
  head.writeUInt16LE(sizes.length, 4)
  let offset = head.length
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i
    head.writeUInt8(size >= 256 ? 0 : size, at)
    head.writeUInt8(size >= 256 ? 0 : size, at + 1)
    head.writeUInt8(0, at + 2)
    head.writeUInt8(0, at + 3)
    head.writeUInt16LE(1, at + 4)
    head.writeUInt16LE(32, at + 6)
    head.writeUInt32LE(images[i].length, at + 8)
    head.writeUInt32LE(offset, at + 12)
    offset += images[i].length
  })
  return Buffer.concat([head, ...images])
}

/** ICNS: 'icns' + total length, then chunks of 4-char type + length (header included) + PNG. */
export function encodeIcns(pngBySize) {
  const chunks = icnsChunks.map(([type, size]) => {
    const png = pngBySize.get(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + chunks.reduce((sum, c) => sum + c.length, 0), 4)
  return Buffer.concat([head, ...chunks])
}

async function write(path, data) {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, data)
}

/** Writes every icon into `outDir` and returns the paths written, relative to it. */
export async function makeIcons(outDir) {
  const written = []
  const put = async (rel, data) => {
    await write(join(outDir, rel), data)
    written.push(rel)
  }

  const appSvg = await readFile(join(svgDir, 'app-icon.svg'), 'utf8')
  const appSizes = [...new Set([...linuxIconSizes, ...icoSizes, ...icnsChunks.map(([, size]) => size)])]
  const appPng = new Map()
  for (const size of appSizes) appPng.set(size, await renderSvg(appSvg, 1024, size))

  await put('icon.png', appPng.get(1024))
  for (const size of linuxIconSizes) await put(`icons/${size}x${size}.png`, appPng.get(size))
  await put('icon.ico', await encodeIco(new Map(icoSizes.map((size) => [size, appPng.get(size)]))))
  await put('icon.icns', encodeIcns(appPng))

  for (const state of trayStates) {
    const svg = await readFile(join(svgDir, `tray-${state}.svg`), 'utf8')
    for (const theme of ['light', 'dark', 'template']) {
      const coloured = recolourTray(svg, theme)
      const name = theme === 'template' ? `tray-${state}Template` : `tray-${state}-${theme}`
      await put(`tray/${name}.png`, await renderSvg(coloured, 32, trayBaseSize))
      await put(`tray/${name}@2x.png`, await renderSvg(coloured, 32, trayBaseSize * 2))
    }
  }
  return written
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(root, 'resources'))
  const written = await makeIcons(outDir)
  console.log(`wrote ${written.length} icon files to ${outDir}`)
}
