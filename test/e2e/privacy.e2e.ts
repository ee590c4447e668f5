import { expect, test } from '@playwright/test'
import { StandInWindowSource } from '../../electron/main/harness/standInWindowSource'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// Privacy while sharing, end to end: the real page, bridge, frame pipeline, privacy gate, sharp,
// SDK and fake Live server; only the window list is a stand-in the test moves (the harness shares
// a canvas stream, as in screenShare.e2e.ts, because headless Chromium cannot capture a screen).
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
  }
  draw('Before')
  setInterval(() => g.fillRect(0, 0, 1, 1), 100)
  window.__screen = { show: draw }
  navigator.mediaDevices.getDisplayMedia = async () => canvas.captureStream(10)
}

let server: FakeLiveServer
let run: RunningHarness
const windows = new StandInWindowSource()

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  run = await openHarness({ baseUrl: await server.start(), env: { GEMINI_API_KEY: 'e2e-key-1234' }, initScript: scriptedScreen, windowSource: windows })
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

const videoFrames = () => server.frames.filter((f) => f.direction === 'in' && (f.json as { realtimeInput?: { video?: unknown } } | undefined)?.realtimeInput?.video).length

test('an excluded app in front pauses sharing (no frame on the wire, on any path), says so, and sharing resumes by itself', async () => {
  const { page } = run
  const line = page.getByTestId('share-line')
  await page.getByRole('button', { name: 'Share screen' }).click()
  await expect(page.getByRole('button', { name: 'Stop sharing' })).toBeVisible()
  await expect(line).toContainText('Sharing your screen')
  await page.getByRole('button', { name: 'Look now' }).click()
  await expect.poll(videoFrames, { timeout: 10_000 }).toBe(1)

  windows.bringToFront('1Password', '1Password')
  await expect(line).toContainText('Sharing paused: 1Password is in front')
  const pausedWith = videoFrames()
  // Every path that sends frames from the page: Look now, pressing to talk and changes while
  // talking, and a typed question (whose words still go, without the screen).
  await page.evaluate(() => window.__screen.show('My bank password is hunter2'))
  await page.getByRole('button', { name: 'Look now' }).click()
  const talk = page.getByRole('button', { name: 'Talk', exact: true })
  const box = (await talk.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.waitForTimeout(1_200)
  await page.evaluate(() => window.__screen.show('Card number 4111 1111 1111 1111'))
  await page.waitForTimeout(1_500)
  await page.mouse.up()
  await page.getByRole('textbox', { name: 'Message' }).fill('What is on my screen?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect.poll(() => server.frames.some((f) => JSON.stringify(f.json ?? '').includes('What is on my screen?')), { timeout: 5_000 }).toBe(true)
  expect(videoFrames()).toBe(pausedWith)

  // A window list that cannot be read is a pause too, and says so.
  windows.clear()
  windows.fail('no window manager')
  await expect(line).toContainText('Sharing paused: Sightline cannot see which window is in front')
  await page.waitForTimeout(1_500)
  expect(videoFrames()).toBe(pausedWith)

  // Back to normal: the pause lifts by itself and the owed Look now goes with the current screen.
  windows.recover()
  await expect(line).toContainText('Sharing your screen')
  await expect.poll(videoFrames, { timeout: 5_000 }).toBeGreaterThan(pausedWith)

  // One click stops.
  await page.getByRole('button', { name: 'Stop sharing' }).click()
  await expect(page.getByRole('button', { name: 'Share screen' })).toBeVisible()
})
