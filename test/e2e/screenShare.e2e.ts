import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// Share my screen and ask. Headless Chromium here cannot capture a real tab or screen ("Could not
// start video source"), so the browser's picker is stood in for by a canvas stream whose content
// this test changes. Everything after getDisplayMedia is real: the frame grabber, the bridge, the
// main-side pipeline with sharp and change detection, and the SDK to the fake Live server.
declare global {
  interface Window {
    __screen: { show(text: string): void }
  }
}

function scriptedScreen(): void {
  const canvas = document.createElement('canvas')
  canvas.width = 1280
  canvas.height = 720
  const g = canvas.getContext('2d')!
  const draw = (text: string) => {
    g.fillStyle = '#f4f4f4'
    g.fillRect(0, 0, 1280, 720)
    g.fillStyle = '#202020'
    g.font = '48px sans-serif'
    g.fillText(text, 80, 360)
    g.fillRect(80, 420, 40 * text.length, 30)
  }
  draw('Static screen')
  // Keep the stream producing frames even while nothing changes, like a real screen capture.
  setInterval(() => {
    g.fillStyle = g.fillStyle as string
    g.fillRect(0, 0, 1, 1)
  }, 100)
  window.__screen = { show: draw }
  navigator.mediaDevices.getDisplayMedia = async () => canvas.captureStream(10)
}

let server: FakeLiveServer
let run: RunningHarness

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  run = await openHarness({ baseUrl: await server.start(), env: { GEMINI_API_KEY: 'e2e-key-1234' }, initScript: scriptedScreen })
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

const framesAt = () =>
  server.frames
    .filter((f) => f.direction === 'in' && (f.json as { realtimeInput?: { video?: unknown } } | undefined)?.realtimeInput?.video)
    .map((f) => ({ at: f.at, video: (f.json as { realtimeInput: { video: { mimeType: string; data: string } } }).realtimeInput.video }))

test('frames reach the model only when the screen changed, at each activity start, and stop with sharing', async () => {
  const { page } = run
  await page.getByRole('button', { name: 'Share screen' }).click()
  await expect(page.getByRole('button', { name: 'Stop sharing' })).toBeVisible()

  // The first frame of a share always goes; it is a JPEG.
  await expect.poll(() => framesAt().length, { timeout: 10_000 }).toBe(1)
  const [first] = framesAt()
  expect(first!.video.mimeType).toBe('image/jpeg')
  expect(first!.video.data.startsWith('/9j/')).toBe(true)

  // A static screen sends nothing more (the heartbeat is 30 s).
  await page.waitForTimeout(3_500)
  expect(framesAt()).toHaveLength(1)

  // A real change is sent within about one capture interval (1 s at the default rate).
  const changedAt = performance.now()
  await page.evaluate(() => window.__screen.show('Error: connection refused (ECONNREFUSED)'))
  await expect.poll(() => framesAt().length, { timeout: 5_000 }).toBe(2)
  // Behaviour, not a budget (the bench measures delivery): the change rides the next capture,
  // not the 30 s heartbeat.
  expect(framesAt()[1]!.at - changedAt).toBeLessThan(3_000)
  await page.waitForTimeout(2_500)
  expect(framesAt()).toHaveLength(2)

  // Starting to speak sends the current screen even though it did not change.
  const talk = page.getByRole('button', { name: 'Talk', exact: true })
  const box = (await talk.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await expect.poll(() => framesAt().length, { timeout: 5_000 }).toBe(3)
  await page.waitForTimeout(600)
  await page.mouse.up()

  // Stopping sharing stops frames, whatever the screen does.
  await page.getByRole('button', { name: 'Stop sharing' }).click()
  await expect(page.getByRole('button', { name: 'Share screen' })).toBeVisible()
  const stoppedWith = framesAt().length
  await page.evaluate(() => window.__screen.show('Something new after stopping'))
  await page.waitForTimeout(2_500)
  expect(framesAt()).toHaveLength(stoppedWith)
})
