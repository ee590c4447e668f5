import sharp from 'sharp'
import type { RgbaFrame } from '../../../electron/main/core/ports'

/**
 * A scriptable desktop for change-detection tests and the frame bench: windows with lines of
 * text-like glyphs (9×16 cells, ~25 % ink, like 14–15 px UI text), typing, scrolling, window
 * switches, a blinking caret, a moving mouse pointer and capture noise. Pure pixel work on an
 * RGBA buffer, deterministic for a given seed.
 */
export class SyntheticScreen {
  readonly data: Uint8Array
  private random: () => number
  private cursorLine = 0
  private cursorColumn = 0

  static readonly GLYPH_WIDTH = 9
  static readonly LINE_HEIGHT = 20
  static readonly TEXT_LEFT = 40
  static readonly TEXT_TOP = 60

  constructor(
    readonly width: number,
    readonly height: number,
    seed = 1,
  ) {
    this.data = new Uint8Array(width * height * 4)
    this.random = mulberry32(seed)
    this.showWindow('editor')
  }

  /** Paints a whole new window: `editor` (light, full of code), `browser` (light, with a big banner), `terminal` (dark). */
  showWindow(kind: 'editor' | 'browser' | 'terminal'): void {
    const background = kind === 'terminal' ? [30, 30, 30] : kind === 'browser' ? [250, 250, 250] : [243, 243, 243]
    this.fillRect(0, 0, this.width, this.height, background)
    this.fillRect(0, 0, this.width, 36, kind === 'terminal' ? [60, 60, 60] : [220, 224, 230])
    if (kind === 'browser') this.fillRect(40, 50, this.width - 80, 180, [36, 99, 200])
    const ink = kind === 'terminal' ? [210, 210, 210] : [34, 34, 34]
    const top = kind === 'browser' ? 260 : SyntheticScreen.TEXT_TOP
    const lines = Math.floor((this.height - top - 40) / SyntheticScreen.LINE_HEIGHT)
    for (let line = 0; line < lines; line++) {
      const columns = 20 + Math.floor(this.random() * 90)
      this.drawGlyphs(SyntheticScreen.TEXT_LEFT, top + line * SyntheticScreen.LINE_HEIGHT, columns, ink)
    }
    this.cursorLine = lines + 1
    this.cursorColumn = 0
    this.ink = ink
    this.background = background
  }

  private ink = [34, 34, 34]
  private background = [243, 243, 243]

  /** Types `count` characters at the caret, wrapping at 110 columns. */
  type(count: number): void {
    for (let i = 0; i < count; i++) {
      const y = SyntheticScreen.TEXT_TOP + (this.cursorLine % this.maxLines()) * SyntheticScreen.LINE_HEIGHT
      this.drawGlyphs(SyntheticScreen.TEXT_LEFT + this.cursorColumn * SyntheticScreen.GLYPH_WIDTH, y, 1, this.ink)
      this.cursorColumn++
      if (this.cursorColumn >= 110) {
        this.cursorColumn = 0
        this.cursorLine++
      }
    }
  }

  /** Scrolls the text area up by `pixels`, filling the bottom with new lines. */
  scroll(pixels: number): void {
    const top = 40
    const rowBytes = this.width * 4
    this.data.copyWithin(top * rowBytes, (top + pixels) * rowBytes, this.height * rowBytes)
    const fillFrom = this.height - pixels
    this.fillRect(0, fillFrom, this.width, pixels, this.background)
    for (let y = fillFrom - (fillFrom % SyntheticScreen.LINE_HEIGHT); y < this.height - 16; y += SyntheticScreen.LINE_HEIGHT) {
      if (y + 16 <= fillFrom) continue
      this.drawGlyphs(SyntheticScreen.TEXT_LEFT, y, 30 + Math.floor(this.random() * 80), this.ink)
    }
  }

  /** A copy of the screen as the renderer would send it, with an optional caret and pointer drawn on top. */
  frame(overlay: { caret?: boolean; pointer?: { x: number; y: number }; noise?: number } = {}): RgbaFrame {
    const data = Uint8Array.from(this.data)
    const frame = { width: this.width, height: this.height, data }
    if (overlay.caret) {
      const y = SyntheticScreen.TEXT_TOP + (this.cursorLine % this.maxLines()) * SyntheticScreen.LINE_HEIGHT - 2
      fill(frame, SyntheticScreen.TEXT_LEFT + this.cursorColumn * SyntheticScreen.GLYPH_WIDTH, y, 2, 18, [0, 0, 0])
    }
    if (overlay.pointer) drawPointer(frame, overlay.pointer.x, overlay.pointer.y)
    if (overlay.noise) addNoise(frame, overlay.noise, this.random)
    return frame
  }

  fillRect(x: number, y: number, w: number, h: number, rgb: readonly number[]): void {
    fill({ width: this.width, height: this.height, data: this.data }, x, y, w, h, rgb)
  }

  private drawGlyphs(x: number, y: number, count: number, ink: readonly number[]): void {
    const target = { width: this.width, height: this.height, data: this.data }
    for (let i = 0; i < count; i++) {
      const gx = x + i * SyntheticScreen.GLYPH_WIDTH
      if (gx + SyntheticScreen.GLYPH_WIDTH > this.width) break
      if (this.random() < 0.15) continue // a space
      // A stem, a bowl or bar and sometimes an ascender: roughly 25 % of the 8×14 cell inked.
      fill(target, gx + 1 + Math.floor(this.random() * 5), y + 4, 2, 10, ink)
      fill(target, gx + 1, y + 4 + Math.floor(this.random() * 8), 6, 2, ink)
      if (this.random() < 0.4) fill(target, gx + 1 + Math.floor(this.random() * 5), y, 2, 5, ink)
      if (this.random() < 0.5) fill(target, gx + 1, y + 12, 6, 2, ink)
    }
  }

  private maxLines(): number {
    return Math.floor((this.height - SyntheticScreen.TEXT_TOP - 40) / SyntheticScreen.LINE_HEIGHT)
  }
}

/** Recompresses a frame as JPEG and decodes it again: the artefacts a video path adds. */
export async function jpegRoundTrip(frame: RgbaFrame, quality: number): Promise<RgbaFrame> {
  const jpeg = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } }).jpeg({ quality }).toBuffer()
  const { data } = await sharp(jpeg).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: frame.width, height: frame.height, data: new Uint8Array(data) }
}

function fill(frame: RgbaFrame, x: number, y: number, w: number, h: number, rgb: readonly number[]): void {
  const x0 = Math.max(0, x)
  const y0 = Math.max(0, y)
  const x1 = Math.min(frame.width, x + w)
  const y1 = Math.min(frame.height, y + h)
  for (let row = y0; row < y1; row++) {
    let i = (row * frame.width + x0) * 4
    for (let col = x0; col < x1; col++, i += 4) {
      frame.data[i] = rgb[0]!
      frame.data[i + 1] = rgb[1]!
      frame.data[i + 2] = rgb[2]!
      frame.data[i + 3] = 255
    }
  }
}

/** A 12×19 arrow pointer: black outline, white fill. */
function drawPointer(frame: RgbaFrame, x: number, y: number): void {
  for (let row = 0; row < 19; row++) {
    const width = Math.min(row + 1, 12)
    fill(frame, x, y + row, width, 1, [0, 0, 0])
    if (width > 2) fill(frame, x + 1, y + row, width - 2, 1, [255, 255, 255])
  }
}

function addNoise(frame: RgbaFrame, amplitude: number, random: () => number): void {
  for (let i = 0; i < frame.data.length; i += 4) {
    const n = Math.round((random() * 2 - 1) * amplitude)
    frame.data[i] = clampByte(frame.data[i]! + n)
    frame.data[i + 1] = clampByte(frame.data[i + 1]! + n)
    frame.data[i + 2] = clampByte(frame.data[i + 2]! + n)
  }
}

function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value
}

/** A small seeded PRNG so scripted screens are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
