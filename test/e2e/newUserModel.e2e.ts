import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { openHarness, type RunningHarness } from './harnessFixture'

// Issue 12: a new user, on an endpoint serving only today's Live models, asks a typed question;
// it reaches gemini-3.8-live (the default) and is answered. The model menu comes from models.list.
const KEY = 'new-user-key-38LV'

let server: FakeLiveServer
let run: RunningHarness

test.beforeAll(async () => {
  server = new FakeLiveServer({ acceptKey: (key) => key === KEY })
  run = await openHarness({ baseUrl: await server.start() })
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

test('a new user’s typed question reaches gemini-3.8-live and is answered', async () => {
  const { page } = run
  await page.getByLabel('Gemini API key').fill(KEY)
  await page.getByRole('button', { name: 'Check and save key' }).click()
  await expect(page.getByRole('log', { name: 'Conversation' })).toBeVisible()

  await page.getByRole('textbox', { name: 'Message' }).fill('What can you do?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('You said: What can you do?', { timeout: 15_000 })

  const setups = server.received('setup').map((m) => m.setup as { model: string; generationConfig?: { responseModalities?: string[] } })
  expect(setups.length).toBeGreaterThan(0)
  expect(setups.every((s) => s.model === 'models/gemini-3.8-live')).toBe(true)
  expect(setups.at(-1)!.generationConfig?.responseModalities).toEqual(['AUDIO'])
  expect(server.received('clientContent').at(-1)).toEqual({ clientContent: { turns: [{ role: 'user', parts: [{ text: 'What can you do?' }] }], turnComplete: true } })
  expect(server.connections.every((c) => c.closed === null || c.closed.code < 1007 || c.closed.by === 'client')).toBe(true)
  await expect(page.getByText(/is not found for API version/)).toHaveCount(0)

  // The menu is what GET /v1beta/models listed for this key.
  expect(server.modelsRequests.length).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Settings' }).click()
  const model = page.getByLabel('Model', { exact: true })
  await expect(model).toHaveValue('gemini-3.8-live')
  await expect(page.getByText('The list comes from Google for your key.')).toBeVisible()
  expect(await model.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual([
    'gemini-3.8-live',
    'gemini-3.8-live-extended-thinking',
    'gemini-3.1-flash-live-preview',
    'gemini-2.5-flash-native-audio-preview-12-2025',
  ])
})
