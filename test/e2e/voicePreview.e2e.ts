import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// Settings → Voice → Play: the first play is made by a short Live session (the fake server speaks a
// second of audio) and kept in the user-data folder; offline, the button says why.
const KEY = 'e2e-voice-preview-key-42'

let server: FakeLiveServer
const runs: RunningHarness[] = []

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  await server.start()
})

test.afterAll(async () => {
  for (const run of runs.splice(0)) await run.close()
  await server?.stop()
})

async function openSettings(baseUrl: string): Promise<RunningHarness> {
  const run = await openHarness({ baseUrl, env: { GEMINI_API_KEY: KEY } })
  runs.push(run)
  await run.page.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(run.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  return run
}

test('Play makes the sample once in its own session, plays it, and keeps it on disk', async () => {
  const run = await openSettings(server.baseUrl)
  const voice = await run.page.getByLabel('Voice', { exact: true }).inputValue()
  const play = run.page.getByRole('button', { name: `Play ${voice}` })
  await play.click()
  await expect(play).toBeEnabled({ timeout: 20_000 })
  await expect(run.page.locator('.voice-preview-note')).toHaveCount(0)
  expect(server.connections).toHaveLength(1)
  const setup = server.connections[0]!.setup as { generationConfig: { speechConfig: unknown } }
  expect(setup.generationConfig.speechConfig).toEqual({ voiceConfig: { prebuiltVoiceConfig: { voiceName: voice } } })
  expect(readdirSync(join(run.userDataDir, 'voice-previews'))).toEqual([`${voice}.en.wav`])

  await play.click()
  await expect(play).toBeEnabled({ timeout: 20_000 })
  expect(server.connections).toHaveLength(1)
})

test('offline: the button says the Live API cannot be reached and nothing is kept', async () => {
  const offline = new FakeLiveServer({ script: friendlyScript })
  const baseUrl = await offline.start()
  await offline.stop()
  const run = await openSettings(baseUrl)
  const voice = await run.page.getByLabel('Voice', { exact: true }).inputValue()
  await run.page.getByRole('button', { name: `Play ${voice}` }).click()
  await expect(run.page.locator('.voice-preview-note')).toContainText('The Live API cannot be reached (offline?)')
  expect(existsSync(join(run.userDataDir, 'voice-previews'))).toBe(false)
})

test('every voice has its own button; in a German UI the sample is German and kept per voice and language', async () => {
  const run = await openHarness({ baseUrl: server.baseUrl, locale: 'de-DE', env: { GEMINI_API_KEY: KEY } })
  runs.push(run)
  await run.page.getByRole('button', { name: 'Einstellungen', exact: true }).click()
  const chosen = await run.page.getByLabel('Stimme', { exact: true }).inputValue()
  const other = chosen === 'Kore' ? 'Puck' : 'Kore'
  await expect(run.page.getByRole('button', { name: `${chosen} anhören` })).toBeVisible()
  const play = run.page.getByRole('button', { name: `${other} anhören` })
  const before = server.connections.length
  await play.click()
  await expect(play).toBeEnabled({ timeout: 20_000 })
  await expect(run.page.locator('.voice-preview-note')).toHaveCount(0)
  const setup = server.connections[before]!.setup as { generationConfig: { speechConfig: unknown } }
  expect(setup.generationConfig.speechConfig).toEqual({ voiceConfig: { prebuiltVoiceConfig: { voiceName: other } } })
  expect(readdirSync(join(run.userDataDir, 'voice-previews'))).toEqual([`${other}.de.wav`])
})
