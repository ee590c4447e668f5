import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// Main keeps the state; a window that opens or reloads subscribes, then asks once for a snapshot
// (getSnapshot), so it shows the truth at once instead of "Not connected" and an empty log.

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

const statusText = (page: Page) => page.getByRole('status').filter({ has: page.locator('.dot') }).first().innerText()
const conversationText = (page: Page) => page.getByRole('log', { name: 'Conversation' }).innerText()

test('a page reloaded mid-session shows the same session, transcript and talk state', async () => {
  run = await openHarness({ baseUrl, env: { GEMINI_API_KEY: 'e2e-key-1234' } })
  const { page } = run
  await page.getByRole('textbox', { name: 'Message' }).fill('Remember the blue door')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('You said: Remember the blue door')
  await expect.poll(() => statusText(page)).toMatch(/^Live/)
  const before = { status: await statusText(page), log: await conversationText(page) }

  await page.reload()
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('You said: Remember the blue door')
  expect(await statusText(page)).toBe(before.status)
  expect(await conversationText(page)).toBe(before.log)
  // The reloaded page asked for the state once, over the one channel made for it.
  const snapshotCalls = run.traffic.filter((t) => t.direction === 'in' && t.message.type === 'invoke' && t.message.channel === 'app:snapshot')
  expect(snapshotCalls).toHaveLength(2)
  // And the session it shows is the one main holds: one connection, never reopened by the reload.
  expect(server.connections.filter((c) => c.isOpen)).toHaveLength(1)
})

test('a notice raised before any window existed is shown when the first window opens, and stays dismissed', async () => {
  run = await openHarness({
    baseUrl,
    env: { GEMINI_API_KEY: 'e2e-key-1234' },
    seedUserData: (dir) => writeFileSync(join(dir, 'settings.json'), '{ this is not json'),
  })
  const { page } = run
  const notice = page.getByRole('alert').filter({ hasText: 'Your settings file was damaged' })
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: /^Dismiss/ }).click()
  await expect(notice).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('log', { name: 'Conversation' })).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'Your settings file was damaged' })).toHaveCount(0)
})
