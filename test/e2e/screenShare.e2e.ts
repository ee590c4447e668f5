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

/** Every message the page's session sent, in order, as 'video', 'text:<words>' or 'other'. */
const clientMessages = () =>
  server.frames
    .filter((f) => f.direction === 'in')
    .map((f) => {
      const json = f.json as { realtimeInput?: { video?: unknown; text?: string }; clientContent?: { turns?: { parts?: { text?: string }[] }[] } } | undefined
      if (json?.realtimeInput?.video) return 'video'
      const text = json?.realtimeInput?.text ?? json?.clientContent?.turns?.at(-1)?.parts?.map((p) => p.text ?? '').join('')
      return text ? `text:${text}` : 'other'
    })

test('frames only when they help: nothing while idle, a fresh frame when the user asks, changes while they speak, Look now, and none after sharing', async () => {
  const { page } = run
  await page.getByRole('button', { name: 'Share screen' }).click()
  await expect(page.getByRole('button', { name: 'Stop sharing' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Sharing' })).toContainText('Sightline looks when you ask')

  // Idle: a still screen and a changing one both send nothing.
  await page.waitForTimeout(2_500)
  await page.evaluate(() => window.__screen.show('Error: connection refused (ECONNREFUSED)'))
  await page.waitForTimeout(2_500)
  expect(framesAt()).toHaveLength(0)

  // Pressing to talk sends the screen as it is, a JPEG; a change while holding follows.
  const talk = page.getByRole('button', { name: 'Talk', exact: true })
  const box = (await talk.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await expect.poll(() => framesAt().length, { timeout: 5_000 }).toBe(1)
  const [first] = framesAt()
  expect(first!.video.mimeType).toBe('image/jpeg')
  expect(first!.video.data.startsWith('/9j/')).toBe(true)
  await page.evaluate(() => window.__screen.show('Warning: disk almost full'))
  await expect.poll(() => framesAt().length, { timeout: 5_000 }).toBe(2)
  await page.mouse.up()

  // Released: back to idle, changes send nothing.
  await page.evaluate(() => window.__screen.show('Back to idle'))
  await page.waitForTimeout(2_500)
  expect(framesAt()).toHaveLength(2)

  // Look now sends the screen although it did not change.
  await page.getByRole('button', { name: 'Look now' }).click()
  await expect.poll(() => framesAt().length, { timeout: 5_000 }).toBe(3)

  // A typed question: the screen goes first, then the words.
  await page.getByRole('textbox', { name: 'Message' }).fill('What does this say?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect.poll(() => clientMessages().filter((m) => m === 'video' || m.startsWith('text:')).slice(-2), { timeout: 5_000 }).toEqual(['video', 'text:What does this say?'])

  // Stopping sharing stops frames, whatever the screen does or the user asks.
  await page.getByRole('button', { name: 'Stop sharing' }).click()
  await expect(page.getByRole('button', { name: 'Share screen' })).toBeVisible()
  const stoppedWith = framesAt().length
  await page.evaluate(() => window.__screen.show('Something new after stopping'))
  await page.getByRole('textbox', { name: 'Message' }).fill('And now?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await page.waitForTimeout(2_500)
  expect(framesAt()).toHaveLength(stoppedWith)
})
