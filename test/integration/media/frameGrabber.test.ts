import { chromium, type Browser, type Page } from '@playwright/test'
import { build, type Rollup } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The renderer's frame grabber in real Chromium (Debian's, headless, software rendering): a
 * canvas with scripted content is captured as a MediaStream, just like a shared screen, and the
 * grabber's output is checked in the page.
 */

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

let browser: Browser
let page: Page

async function bundleGrabber(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: 'renderer/src/screen/frameGrabber.ts', formats: ['iife'], name: 'SightlineFrameGrabber', fileName: 'frameGrabber' } },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[]
  const chunk = outputs.flatMap((o) => o.output).find((c): c is Rollup.OutputChunk => c.type === 'chunk')
  if (!chunk) throw new Error('vite produced no chunk')
  return chunk.code
}

/** In-page harness: a canvas "screen" of the given size, repainted 10× a second with a colour per second. */
const HARNESS = `
window.startScreen = (width, height) => {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  const paint = () => {
    const second = Math.floor(performance.now() / 1000)
    ctx.fillStyle = 'rgb(200, 40, 90)'
    ctx.fillRect(0, 0, width, height)
    ctx.fillStyle = 'rgb(' + (second * 40) % 256 + ', 200, 30)'
    ctx.fillRect(0, 0, width / 2, height / 2)
  }
  paint()
  const timer = setInterval(paint, 100)
  const stream = canvas.captureStream(10)
  window.screenState = { stream, timer, frames: [], ended: 0 }
  return true
}
window.startGrabber = async (fps, longSide) => {
  const state = window.screenState
  state.grabber = new SightlineFrameGrabber.FrameGrabber(state.stream, {
    framesPerSecond: fps,
    longSide,
    onFrame: (frame) => {
      const px = (x, y) => Array.from(frame.data.subarray((y * frame.width + x) * 4, (y * frame.width + x) * 4 + 4))
      state.frames.push({
        at: performance.now(),
        width: frame.width,
        height: frame.height,
        bytes: frame.data.byteLength,
        isUint8Array: frame.data instanceof Uint8Array,
        bottomRight: px(Math.floor(frame.width * 0.75), Math.floor(frame.height * 0.75)),
      })
    },
    onEnded: () => { state.ended++ },
  })
  await state.grabber.start()
  return true
}
window.endTrackScenario = async () => {
  startScreen(800, 600)
  await startGrabber(1, 1024)
  await new Promise((r) => setTimeout(r, 300))
  // A canvas track cannot end by itself; this is the event Chromium fires when a shared source goes away.
  screenState.stream.getVideoTracks()[0].dispatchEvent(new Event('ended'))
  const framesAtEnd = screenState.frames.length
  await new Promise((r) => setTimeout(r, 1500))
  return { ended: screenState.ended, isRunning: screenState.grabber.isRunning, framesAtEnd, framesLater: screenState.frames.length, first: screenState.frames[0] }
}
`

beforeAll(async () => {
  const code = await bundleGrabber()
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  page = await browser.newPage()
  await page.setContent('<!doctype html><html><body></body></html>')
  await page.addScriptTag({ content: code })
  await page.addScriptTag({ content: HARNESS })
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

interface FrameSummary {
  at: number
  width: number
  height: number
  bytes: number
  isUint8Array: boolean
  bottomRight: number[]
}

/** Runs an expression in the page (the Node tsconfig has no DOM types; the page code lives in HARNESS). */
function inPage<T>(expression: string): Promise<T> {
  return page.evaluate<T>(expression)
}

describe('FrameGrabber in Chromium', () => {
  it('grabs at most one RGBA frame a second, pre-scaled to twice the target long side', async () => {
    await inPage('startScreen(3840, 2160)')
    const started = Date.now()
    await inPage('startGrabber(1, 1024)')
    await page.waitForTimeout(3_300)
    const got = await inPage<FrameSummary[]>('screenState.frames')
    const elapsedSeconds = (Date.now() - started) / 1_000
    expect(got.length).toBeGreaterThanOrEqual(3)
    // Deliveries are at least 0.9 s apart by construction (see FrameGrabber.tick), never a burst.
    expect(got.length).toBeLessThanOrEqual(Math.floor(elapsedSeconds / 0.9) + 1)
    for (let i = 1; i < got.length; i++) expect(got[i]!.at - got[i - 1]!.at).toBeGreaterThanOrEqual(900)
    for (const frame of got) {
      expect(frame).toMatchObject({ width: 2048, height: 1152, bytes: 2048 * 1152 * 4, isUint8Array: true })
      const [r, g, b, a] = frame.bottomRight
      // The scripted screen is rgb(200, 40, 90) there; video colour conversion moves it a little.
      expect(Math.abs(r! - 200)).toBeLessThan(12)
      expect(Math.abs(g! - 40)).toBeLessThan(12)
      expect(Math.abs(b! - 90)).toBeLessThan(12)
      expect(a).toBe(255)
    }
  })

  it('stops sending frames when stopped, and the stream keeps running for its owner', async () => {
    await inPage('screenState.grabber.stop()')
    const before = await inPage<number>('screenState.frames.length')
    await page.waitForTimeout(1_600)
    expect(await inPage<number>('screenState.frames.length')).toBe(before)
    expect(await inPage<string>('screenState.stream.getVideoTracks()[0].readyState')).toBe('live')
  })

  it('stops by itself and reports it when the shared track ends', async () => {
    const result = await inPage<{ ended: number; isRunning: boolean; framesAtEnd: number; framesLater: number; first: FrameSummary }>('endTrackScenario()')
    expect(result).toMatchObject({ ended: 1, isRunning: false })
    expect(result.framesLater).toBe(result.framesAtEnd)
    // A window smaller than twice the long side is not upscaled.
    expect(result.first).toMatchObject({ width: 800, height: 600 })
  })
})
