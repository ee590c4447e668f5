import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { encodeWire } from '../../shared/wireCodec'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { openHarness, type RunningHarness } from './harnessFixture'

// Managed mode end to end: the organisation's key lives only in the token service (a separate
// process, as deployed) and in the fake that stands in for Google. Sightline gets only the
// service's address and an access code, and must answer over BidiGenerateContentConstrained.
// Key-shaped, built from parts so no key-shaped literal sits in the repository (as in closeCodes.test.ts).
const ORG_KEY = ['AIza', 'SyORGKEYmanagedE2E0123456789abcdefgh'].join('')
const CODE = 'team-code-e2e-4k9z'
const MODEL = 'gemini-3.8-live'

let fake: FakeLiveServer
let service: ChildProcess
let serviceUrl: string
let run: RunningHarness | null = null

test.beforeAll(async () => {
  fake = new FakeLiveServer({ acceptKey: (key) => key === ORG_KEY })
  fake.setScript({ onTurn: (c) => void c.reply({ text: 'Ninety-nine.', outputTranscript: 'Ninety-nine.' }) })
  await fake.start()
  service = spawn(process.execPath, ['--import', 'tsx', 'services/token-service/src/main.ts'], {
    env: { PATH: process.env.PATH, GEMINI_API_KEY: ORG_KEY, TOKEN_SERVICE_ACCESS_CODES: CODE, TOKEN_SERVICE_PORT: '0', TOKEN_SERVICE_MODEL: MODEL, GOOGLE_GEMINI_BASE_URL: fake.baseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  serviceUrl = await new Promise<string>((resolve, reject) => {
    let output = ''
    service.stdout!.setEncoding('utf8').on('data', (text: string) => {
      output += text
      const line = output.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+$/.test(l))
      if (line) resolve(line)
    })
    service.once('exit', (code) => reject(new Error(`token service exited ${code}`)))
  })
})

test.afterEach(async () => {
  await run?.close()
  run = null
})

test.afterAll(async () => {
  service.kill('SIGTERM')
  await once(service, 'exit')
  await fake.stop()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

test('with only SIGHTLINE_TOKEN_SERVICE and SIGHTLINE_ACCESS_CODE, a question is answered over BidiGenerateContentConstrained and the organisation\'s key never reaches the desktop side', async () => {
  const logFile = join(process.env.TMPDIR ?? '/tmp', `sightline-managed-${process.pid}.log`)
  run = await openHarness({ baseUrl: fake.baseUrl, env: { SIGHTLINE_TOKEN_SERVICE: serviceUrl, SIGHTLINE_ACCESS_CODE: CODE }, logFile })
  const { page } = run
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  await page.getByRole('textbox', { name: 'Message' }).fill('What is 9 times 11?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Ninety-nine.')

  const connections = fake.connections.filter((c) => c.endpoint.method === 'BidiGenerateContentConstrained')
  expect(connections.length).toBeGreaterThan(0)
  expect(fake.connections.every((c) => c.endpoint.method === 'BidiGenerateContentConstrained' && c.endpoint.credentialParam === 'access_token' && c.endpoint.apiVersion === 'v1alpha')).toBe(true)
  expect(fake.connections.every((c) => fake.authTokens.issued.has(c.endpoint.credential!))).toBe(true)
  expect(fake.connections[0]!.setup).toMatchObject({ model: `models/${MODEL}` })

  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(page.getByTestId('managed-locked')).toContainText(`model (${MODEL})`)

  // The organisation's key is nowhere on the desktop side: bridge, page, settings folder, log.
  const everything = [
    ...run.traffic.map((t) => Buffer.from(encodeWire(t.message)).toString('latin1')),
    await page.evaluate(() => document.documentElement.outerHTML),
    ...filesUnder(run.userDataDir).map((file) => readFileSync(file, 'latin1')),
  ].join('\n')
  expect(everything).not.toContain(ORG_KEY)
  expect(everything).not.toContain(CODE)
  expect(everything).not.toMatch(/auth_tokens\/[0-9a-f]{8}/)
  await new Promise((r) => setTimeout(r, 300))
  const log = readFileSync(logFile, 'utf8')
  expect(log).toContain('token from the organisation')
  expect(log).not.toContain(ORG_KEY)
  expect(log).not.toContain(CODE)
  expect(log).not.toMatch(/auth_tokens\/[0-9a-f]{8}/)
  expect(run.harness.services.keys.knownSecrets()).toEqual([])
})

test('onboarding: "My organisation gave me a Sightline address" checks the address and code, then opens the conversation', async () => {
  run = await openHarness({ baseUrl: fake.baseUrl })
  const { page } = run
  await page.getByRole('button', { name: 'My organisation gave me a Sightline address' }).click()
  await page.getByLabel('Sightline address from your organisation').fill(serviceUrl)
  await page.getByLabel('Access code').fill('team-code-wrong-000')
  await page.getByRole('button', { name: 'Check and connect' }).click()
  await expect(page.getByRole('alert')).toContainText(`The token service at ${serviceUrl} did not accept your access code.`)
  await page.getByLabel('Access code').fill(CODE)
  await page.getByRole('button', { name: 'Check and connect' }).click()
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
})
