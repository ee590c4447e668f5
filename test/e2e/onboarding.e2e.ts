import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// First run: no key anywhere. The key is checked against the (fake) Live endpoint before it is kept.
const GOOD_KEY = 'good-onboarding-key-7F3Q'
const BAD_KEY = 'bad-onboarding-key-0000'

let server: FakeLiveServer
let run: RunningHarness

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript, acceptKey: (key) => key === GOOD_KEY })
  run = await openHarness({ baseUrl: await server.start() })
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

test('first run shows onboarding, refuses a bad key, accepts a good one and opens the conversation', async () => {
  const { page } = run
  await expect(page.getByRole('heading', { name: 'Welcome to Sightline' })).toBeVisible()
  const keyField = page.getByLabel('Gemini API key')
  await expect(keyField).toHaveAttribute('type', 'password')

  await keyField.fill(BAD_KEY)
  await page.getByRole('button', { name: 'Check and save key' }).click()
  await expect(page.getByRole('alert')).toContainText(/not valid|refused|check/i)
  await expect(page.getByRole('heading', { name: 'Welcome to Sightline' })).toBeVisible()
  expect((await run.harness.services.keys.status()).isSet).toBe(false)

  await keyField.fill(GOOD_KEY)
  await page.getByRole('button', { name: 'Check and save key' }).click()
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  await expect(page.getByRole('log', { name: 'Conversation' })).toBeVisible()

  const status = await run.harness.services.keys.status()
  // The harness never uses a keychain and says so; the key is kept for this run only.
  expect(status).toMatchObject({ isSet: true, lastFour: '7F3Q', source: 'memory', keychainAvailable: false })
  // The server saw both attempts; the bad one was closed with 1007 before setupComplete.
  const keysTried = server.connections.map((c) => c.endpoint.credential)
  expect(keysTried).toContain(BAD_KEY)
  expect(keysTried).toContain(GOOD_KEY)
})
