import sharp from 'sharp'
import type { RgbaFrame } from '../../../electron/main/core/ports'

/** UI-like lines a user might ask about: an error, a stack frame, a fare table row, a link, a breadcrumb. */
export const UI_TEXT_LINES: ReadonlyArray<{ color: string; text: string }> = [
  { color: '#1f1f1f', text: "TypeError: Cannot read properties of undefined (reading 'map')" },
  { color: '#c62828', text: '    at renderFlights (src/components/FlightList.vue:42:17)' },
  { color: '#1f1f1f', text: 'LHR → JFK   09:40   BA 117   £432   1 stop   7h 55m' },
  { color: '#1a56db', text: 'https://example.com/checkout?step=2&seat=14C' },
  { color: '#5f6368', text: 'Settings  ›  Privacy and security  ›  Site settings' },
]

/**
 * Renders the UI lines with librsvg (through sharp) on a white `width`×`height` canvas: 15 CSS px
 * DejaVu Sans at `scale` device pixels per CSS pixel (1 for a 100 % display, 2 for a 4K display
 * at 200 %), with everything laid out in CSS pixels times `scale`. Rendering the same text at
 * `scale × s` on a canvas `s` times smaller gives the reference for an output scaled by `s`.
 */
export async function renderTextScreen(width: number, height: number, scale: number): Promise<RgbaFrame> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const lines = UI_TEXT_LINES.map(
    (line, i) =>
      `<text x="${100 * scale}" y="${(300 + i * 22) * scale}" font-family="DejaVu Sans" font-size="${15 * scale}" fill="${line.color}" xml:space="preserve">${escape(line.text)}</text>`,
  ).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/>${lines}</svg>`
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  if (info.width !== width || info.height !== height || info.channels !== 4) throw new Error(`rendered ${info.width}×${info.height}×${info.channels}`)
  return { width, height, data: new Uint8Array(data) }
}

/** The bounding box of everything that is not white, padded by `pad` pixels. */
export function inkBox(frame: RgbaFrame, pad = 3): { left: number; top: number; width: number; height: number } {
  let x0 = frame.width
  let y0 = frame.height
  let x1 = -1
  let y1 = -1
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const i = (y * frame.width + x) * 4
      if (frame.data[i]! < 250 || frame.data[i + 1]! < 250 || frame.data[i + 2]! < 250) {
        if (x < x0) x0 = x
        if (x > x1) x1 = x
        if (y < y0) y0 = y
        if (y > y1) y1 = y
      }
    }
  }
  if (x1 < 0) throw new Error('no ink on the reference')
  const left = Math.max(0, x0 - pad)
  const top = Math.max(0, y0 - pad)
  return { left, top, width: Math.min(frame.width, x1 + pad + 1) - left, height: Math.min(frame.height, y1 + pad + 1) - top }
}
