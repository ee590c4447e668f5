import sharp from 'sharp'
import { expect, test } from '@playwright/test'
import type { DesktopSnapshot, Point } from '../../electron/main/core/ports'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// The pointer in the picture, end to end. The shared "screen" is a 1280×720 canvas standing in
// for the browser's picker (headless Chromium cannot capture a real one), and main's stand-in
// desktop is one 1280×720 display whose pointer is the page's own mouse pointer: the page
// reports it, so moving the mouse over the page moves the pointer on the shared screen. The
// frames the fake Live server receives must show the ring where the pointer was.
const WIDTH = 1280
const HEIGHT = 720

function greyScreen(): void {
  const canvas = document.createElement('canvas')
  canvas.width = 1280
  canvas.height = 720
  const g = canvas.getContext('2d')!
  g.fillStyle = '#787878'
  g.fillRect(0, 0, 1280, 720)
  // A stream keeps producing frames only while something draws.
  setInterval(() => g.fillRect(0, 0, 1, 1), 100)
  navigator.mediaDevices.getDisplayMedia = async () => canvas.captureStream(10)
  window.addEventListener('mousemove', (event) => (window as unknown as { __reportPointer(x: number, y: number): void }).__reportPointer(event.clientX, event.clientY))
}

let server: FakeLiveServer
let run: RunningHarness
let pointer: Point = { x: 0, y: 0 }
const standInDesktop: DesktopSnapshot = {
  windows: [],
  frontmostId: null,
  displays: [{ id: 'harness-screen', bounds: { x: 0, y: 0, width: WIDTH, height: HEIGHT }, scaleFactor: 1 }],
  ownWindows: [],
}

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  run = await openHarness({
    baseUrl: await server.start(),
    env: { GEMINI_API_KEY: 'e2e-key-1234' },
    initScript: greyScreen,
    viewport: { width: WIDTH, height: HEIGHT },
    windowSource: { snapshot: async () => structuredClone(standInDesktop) },
    pointerSource: { cursorScreenPoint: () => pointer },
  })
  await run.page.exposeFunction('__reportPointer', (x: number, y: number) => (pointer = { x, y }))
  await run.page.reload()
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

const videoFrames = () =>
  server.frames
    .map((f) => (f.direction === 'in' ? (f.json as { realtimeInput?: { video?: { data: string } } } | undefined)?.realtimeInput?.video?.data : undefined))
    .filter((data): data is string => typeof data === 'string')

/** The centre of the ring-red pixels in a JPEG sent to the model, in that JPEG's pixels. */
async function ringCentre(base64: string): Promise<{ centre: Point | null; width: number; height: number }> {
  const { data, info } = await sharp(Buffer.from(base64, 'base64')).raw().toBuffer({ resolveWithObject: true })
  let count = 0
  let sx = 0
  let sy = 0
  for (let i = 0, p = 0; i < data.length; i += info.channels, p++) {
    if (data[i]! > 200 && data[i + 1]! < 110 && data[i + 2]! < 140) {
      count++
      sx += p % info.width
      sy += Math.floor(p / info.width)
    }
  }
  return { centre: count > 30 ? { x: sx / count, y: sy / count } : null, width: info.width, height: info.height }
}

test('frames on the wire show the ring where the page pointer was', async () => {
  const { page } = run
  await page.mouse.move(900, 200)
  await expect.poll(() => pointer).toEqual({ x: 900, y: 200 })
  await page.getByRole('button', { name: 'Share screen' }).click()
  await expect(page.getByRole('button', { name: 'Stop sharing' })).toBeVisible()
  // Clicking moved the mouse onto the button: put it back before the frame that counts.
  await page.mouse.move(900, 200)
  await expect.poll(() => pointer).toEqual({ x: 900, y: 200 })
  const before = videoFrames().length
  await page.getByRole('button', { name: 'Look now' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => videoFrames().length, { timeout: 10_000 }).toBeGreaterThan(before)
  const found = await ringCentre(videoFrames().at(-1)!)
  expect(found.centre).not.toBeNull()
  expect(Math.abs(found.centre!.x - (900 / WIDTH) * found.width)).toBeLessThan(3)
  expect(Math.abs(found.centre!.y - (200 / HEIGHT) * found.height)).toBeLessThan(3)

  // Somewhere else: the next forced frame has moved the ring with it.
  await page.mouse.move(200, 600)
  await expect.poll(() => pointer).toEqual({ x: 200, y: 600 })
  const count = videoFrames().length
  await page.keyboard.press('Enter')
  await expect.poll(() => videoFrames().length, { timeout: 10_000 }).toBeGreaterThan(count)
  const moved = await ringCentre(videoFrames().at(-1)!)
  expect(Math.abs(moved.centre!.x - (200 / WIDTH) * moved.width)).toBeLessThan(3)
  expect(Math.abs(moved.centre!.y - (600 / HEIGHT) * moved.height)).toBeLessThan(3)
})
