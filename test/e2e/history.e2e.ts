import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// History end to end: two conversations are kept, survive a restart, are found by a word,
// exported as Markdown, and one is continued in a fresh session seeded with what was said.
const GIRAFFES = 'Tell me about giraffes'
const PHOTOSYNTHESIS = 'What is photosynthesis'
const KEY = 'e2e-history-key-1234'

let server: FakeLiveServer
let run: RunningHarness | null = null
let userDataDir: string
let baseUrl: string

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  baseUrl = await server.start()
  userDataDir = mkdtempSync(join(tmpdir(), 'sightline-e2e-history-'))
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
  rmSync(userDataDir, { recursive: true, force: true })
})

async function start(): Promise<RunningHarness> {
  const opened = await openHarness({ baseUrl, env: { GEMINI_API_KEY: KEY }, userDataDir })
  await expect(opened.page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  return opened
}

/** Types a question, waits for its answer, and ends the session (the next question starts a new conversation). */
async function askAndEnd(page: RunningHarness['page'], question: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(question)
  await box.press('Enter')
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText(`You said: ${question}`, { timeout: 15_000 })
  await page.getByRole('button', { name: 'End session' }).click()
  await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible()
}

test('two conversations survive a restart, search narrows, Markdown export downloads, Continue seeds a new session', async () => {
  run = await start()
  await askAndEnd(run.page, GIRAFFES)
  await askAndEnd(run.page, PHOTOSYNTHESIS)
  const services = run.harness.services
  await expect.poll(async () => (await services.history.listByDay()).flatMap((d) => d.conversations).length).toBe(2)
  // Each kept its question first, the answer, and the usage the server reported with turnComplete.
  for (const summary of (await services.history.listByDay()).flatMap((d) => d.conversations)) {
    const [exchange] = (await services.history.open(summary.id)).exchanges
    expect(exchange!.modelText).toBe(`You said: ${exchange!.userText}`)
    expect(exchange!.usage?.totalTokens).toBeGreaterThan(0)
  }

  await run.close()
  run = await start()
  const { page } = run

  // By keyboard: Ctrl+Shift+H opens History.
  await page.keyboard.press('Control+Shift+H')
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible()
  const list = page.getByRole('list', { name: 'Conversations' })
  await expect(list.getByRole('button', { name: new RegExp(GIRAFFES) })).toBeVisible()
  await expect(list.getByRole('button', { name: new RegExp(PHOTOSYNTHESIS) })).toBeVisible()

  await page.getByRole('searchbox', { name: 'Search history' }).fill('giraff')
  const results = page.getByRole('region', { name: 'Search results' })
  await expect(results.getByRole('listitem')).toHaveCount(1)
  await expect(results.getByRole('button', { name: new RegExp(GIRAFFES) })).toBeVisible()
  await expect(results.locator('mark').first()).toHaveText(/giraff/i)

  await results.getByRole('button', { name: new RegExp(GIRAFFES) }).click()
  await expect(page.getByRole('heading', { name: GIRAFFES, level: 2 })).toBeVisible()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()])
  expect(download.suggestedFilename()).toMatch(/^sightline-tell-me-about-giraffes-.*\.md$/)
  const markdown = readFileSync((await download.path())!, 'utf8')
  expect(markdown).toContain(`# ${GIRAFFES}`)
  expect(markdown).toContain(`You said: ${GIRAFFES}`)
  expect(markdown).not.toContain(PHOTOSYNTHESIS)

  const connectionsBefore = server.connections.length
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  await expect(page.getByText(/Continuing “Tell me about giraffes”/)).toBeVisible({ timeout: 15_000 })
  // The new connection's first clientContent is the seed: what was said, as history turns, not a new turn.
  await expect.poll(() => server.connections.length).toBeGreaterThan(connectionsBefore)
  const seeded = connectionsBefore
  await expect.poll(() => server.received('clientContent', seeded).length).toBeGreaterThan(0)
  // A fresh session, not a resume: the setup offers no handle.
  const setup = server.received('setup', seeded)[0]!.setup as { sessionResumption?: { handle?: string } }
  expect(setup.sessionResumption?.handle).toBeUndefined()
  const seed = server.received('clientContent', seeded)[0]!.clientContent as { turns: { role: string; parts: { text: string }[] }[]; turnComplete: boolean }
  expect(seed.turnComplete).toBe(false)
  expect(seed.turns.map((t) => [t.role, t.parts.map((p) => p.text).join(' ')])).toEqual([
    ['user', GIRAFFES],
    ['model', `You said: ${GIRAFFES}`],
  ])
})
