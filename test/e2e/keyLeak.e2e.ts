import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { encodeWire } from '../../shared/wireCodec'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// The key lives in main (and, here, in the fake server that stands in for Google) and nowhere
// else. One whole session with a recognisable key, then every place it could leak is searched.
const KEY = `LEAKCHECK${randomBytes(12).toString('hex').toUpperCase()}`

let server: FakeLiveServer
let run: RunningHarness
let logFile: string

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript, acceptKey: (key) => key === KEY })
  logFile = join(process.env.TMPDIR ?? '/tmp', `sightline-leak-${process.pid}.log`)
  run = await openHarness({ baseUrl: await server.start(), logFile })
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

test('after a whole session the key is only where it must be', async () => {
  const { page } = run
  // The user pastes the key once; a conversation follows.
  await page.getByLabel('Gemini API key').fill(KEY)
  await page.getByRole('button', { name: 'Check and save key' }).click()
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello there')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('You said: Hello there')
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(page.getByText(KEY.slice(-4))).toBeVisible()

  // The fake Live server did receive it: the search below can see a key when there is one.
  expect(server.connections.some((c) => c.endpoint.credential === KEY)).toBe(true)

  // Across the bridge: main never sent it to the page; the page sent it exactly once, when the user submitted it.
  const carrying = (direction: 'in' | 'out') =>
    run.traffic.filter((t) => t.direction === direction && Buffer.from(encodeWire(t.message)).includes(KEY))
  expect(carrying('out')).toHaveLength(0)
  const inbound = carrying('in')
  expect(inbound).toHaveLength(1)
  expect(inbound[0]!.message).toMatchObject({ type: 'invoke', channel: 'key:set' })

  // The page: DOM (including form values) and every kind of storage.
  const pageText = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value)
    return [document.documentElement.outerHTML, ...values, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie].join('\n')
  })
  expect(pageText).not.toContain(KEY)
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
  expect(databases).toHaveLength(0)
  const state = await page.context().storageState()
  expect(JSON.stringify(state)).not.toContain(KEY)

  // The built renderer bundle, the settings folder and the log file.
  for (const file of filesUnder(join(import.meta.dirname, '../../out/renderer'))) expect(readFileSync(file).includes(KEY), file).toBe(false)
  for (const file of filesUnder(run.userDataDir)) expect(readFileSync(file).includes(KEY), file).toBe(false)
  await new Promise((r) => setTimeout(r, 300))
  const log = readFileSync(logFile, 'utf8')
  expect(log.length).toBeGreaterThan(0)
  expect(log).not.toContain(KEY)
})
