import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// One error list across windows, over the real main: a notice main keeps pending shows in every
// window, and dismissing it in one window takes it out of the others at once (onNoticesChanged).

let server: FakeLiveServer
let baseUrl = ''
let run: RunningHarness | null = null

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  baseUrl = await server.start()
})

test.afterEach(async () => {
  await run?.close()
  run = null
})

test.afterAll(async () => {
  await server?.stop()
})

test('dismiss once, gone everywhere: a notice dismissed in one window leaves the other window without a reload', async () => {
  run = await openHarness({
    baseUrl,
    env: { GEMINI_API_KEY: 'e2e-key-1234' },
    seedUserData: (dir) => writeFileSync(join(dir, 'settings.json'), '{ this is not json'),
  })
  const first = run.page
  const second = await first.context().newPage()
  await second.goto(run.harness.url)
  const noticeIn = (page: typeof first) => page.getByRole('alert').filter({ hasText: 'Your settings file was damaged' })
  await expect(noticeIn(first)).toHaveCount(1)
  await expect(noticeIn(second)).toHaveCount(1)

  await noticeIn(first).getByRole('button', { name: /^Dismiss/ }).click()
  await expect(noticeIn(first)).toHaveCount(0)
  await expect(noticeIn(second)).toHaveCount(0)
  // Main told each window the pending list without it, once per window.
  const noticesEvents = run.traffic.filter((t) => t.direction === 'out' && t.message.type === 'event' && t.message.channel === 'app:notices')
  expect(noticesEvents.length).toBeGreaterThanOrEqual(2)
})

test('the single-error rule over the real main: a refused key shows once on the page, worded from the catalogue', async () => {
  run = await openHarness({ baseUrl, env: { GEMINI_API_KEY: 'bad-key-1234' } })
  const { page } = run
  await page.getByRole('button', { name: 'Start session' }).click()
  await expect(page.getByRole('alert')).toHaveCount(1)
  const text = await page.locator('body').innerText()
  expect(text.split('Gemini did not accept the API key.').length - 1).toBe(1)
  await expect(page.getByRole('status').filter({ has: page.locator('.dot') }).first()).toHaveText('Needs attention')

  // Dismissed, nothing is left to attend to: the status line stops pointing at an empty list.
  await page.getByRole('alert').getByRole('button', { name: /^Dismiss/ }).click()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByRole('status').filter({ has: page.locator('.dot') }).first()).toHaveText('Not connected')
})
