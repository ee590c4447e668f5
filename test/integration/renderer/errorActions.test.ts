import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from '@playwright/test'
import { startRendererPage, type RendererPage } from '../../support/renderer/rendererPage'

// One error, one place, with its action: the real renderer in Chromium, the bridge scripted.
let app: RendererPage

beforeAll(async () => {
  app = await startRendererPage()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const emit = (page: Page, name: string, payload: unknown): Promise<void> =>
  page.evaluate(([n, p]) => (globalThis as unknown as { __emit(n: unknown, p: unknown): void }).__emit(n, p), [name, payload] as const)
const callCount = (page: Page, name: string): Promise<number> =>
  page.evaluate((n) => (globalThis as unknown as { __calls: { name: string }[] }).__calls.filter((c) => c.name === n).length, name)

it('single error: a lost connection shows once, as one alert with Retry; Retry dismisses it and starts a session', async () => {
  const { page } = await app.open('conversation')
  await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).count()).toBe(1)
  const started = await callCount(page, 'startSession')
  await emit(page, 'onError', { code: 'CONNECTION_LOST', message: 'The connection to Gemini was lost.' })
  await expect.poll(() => page.getByRole('alert').count()).toBe(1)
  expect(await page.getByText('The connection to Gemini was lost.').count()).toBe(1)
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click()
  await expect.poll(() => page.getByRole('alert').count()).toBe(0)
  await expect.poll(() => callCount(page, 'startSession')).toBe(started + 1)
  await page.close()
}, 30_000)

it('a refused key offers Open settings, a retired model Pick another model; each opens Settings and leaves no error behind', async () => {
  for (const [code, button] of [['BAD_API_KEY', 'Open settings'], ['MODEL_UNAVAILABLE', 'Pick another model']] as const) {
    const { page } = await app.open('conversation')
    await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).count()).toBe(1)
    await emit(page, 'onError', { code, message: `fault ${code}` })
    await page.getByRole('alert').getByRole('button', { name: button }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 1 }).count()).toBe(1)
    expect(await page.getByText(`fault ${code}`).count()).toBe(0)
    await page.close()
  }
}, 60_000)

const bodyText = (page: Page) => page.locator('body').innerText()
const occurrences = (text: string, part: string) => text.split(part).length - 1

it('the single-error rule: one failure shows exactly once on the page (not in the status line, the list and inline)', async () => {
  const { page, problems } = await app.open('conversation')
  await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).count()).toBe(1)
  // What main sends for a refused key: the status (its detail the same error, as a notice) and the error.
  await emit(page, 'onSessionStatus', { state: 'error', detail: [{ code: 'BAD_API_KEY', params: { reason: 'API key not valid.' } }], resumed: false })
  await emit(page, 'onError', { code: 'BAD_API_KEY', message: 'Gemini did not accept the API key. (log English)', params: { reason: 'API key not valid.' } })
  await expect.poll(() => page.getByRole('alert').count()).toBe(1)
  const text = await bodyText(page)
  expect(occurrences(text, 'Gemini did not accept the API key.')).toBe(1)
  expect(occurrences(text, 'API key not valid.')).toBe(1)
  expect(text).not.toContain('log English')
  // The status line only says where to look.
  expect(await page.getByRole('status').filter({ has: page.locator('.dot') }).innerText()).toBe('Needs attention')
  // Raised again (a second window's report, a retry that failed the same way): still once.
  await emit(page, 'onError', { code: 'BAD_API_KEY', message: 'again', params: { reason: 'API key not valid.' } })
  await expect.poll(async () => occurrences(await bodyText(page), 'Gemini did not accept the API key.')).toBe(1)
  expect(problems).toEqual([])
  await page.close()
}, 30_000)

it('a settings save that fails is one entry in the error list naming why, with Retry that saves the same change again; no inline "Not saved"', async () => {
  const { page, problems } = await app.open('conversation')
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.evaluate(() => ((globalThis as unknown as { __saveFailures: number }).__saveFailures = 1))
  const allowCopy = page.getByLabel('Always allow: Copy text to your clipboard')
  await allowCopy.click()
  const entry = page.getByRole('alert').filter({ hasText: 'Your settings could not be saved.' })
  await expect.poll(() => entry.count()).toBe(1)
  expect(await page.getByRole('alert').count()).toBe(1)
  expect(await page.getByText('Not saved').count()).toBe(0)
  expect(await allowCopy.isChecked()).toBe(false)
  expect(await entry.innerText()).toContain('press Retry')
  await entry.getByRole('button', { name: 'Retry' }).click()
  await expect.poll(() => page.getByRole('alert').count()).toBe(0)
  await expect.poll(() => allowCopy.isChecked()).toBe(true)
  const saves = await page.evaluate(() => (globalThis as unknown as { __calls: { name: string; payload: unknown }[] }).__calls.filter((c) => c.name === 'updateSettings').map((c) => c.payload))
  expect(saves).toEqual([{ alwaysAllowTools: { copy_to_clipboard: true } }, { alwaysAllowTools: { copy_to_clipboard: true } }])
  expect(problems).toEqual([])
  await page.close()
}, 30_000)

it('a failed settings save puts the view back to main\'s value: the unticked box is ticked again, and stays so after Dismiss', async () => {
  const { page, problems } = await app.open('conversation')
  await page.getByRole('button', { name: 'Settings' }).click()
  const box = page.getByLabel('Show what I say (input transcription)')
  expect(await box.isChecked()).toBe(true)
  await page.evaluate(() => ((globalThis as unknown as { __saveFailures: number }).__saveFailures = 1))
  // click, not uncheck: uncheck would insist the box stays unticked.
  await box.click()
  const entry = page.getByRole('alert').filter({ hasText: 'Your settings could not be saved.' })
  await expect.poll(() => entry.count()).toBe(1)
  await expect.poll(() => box.isChecked()).toBe(true)
  await entry.getByRole('button', { name: 'Dismiss' }).click()
  await expect.poll(() => page.getByRole('alert').count()).toBe(0)
  expect(await box.isChecked()).toBe(true)
  expect(problems).toEqual([])
  await page.close()
}, 30_000)

it('a window that cannot start shows its failure in the same error list, worded from its code, with Reload', async () => {
  const { page } = await app.open('startup-fails')
  const entry = page.getByRole('alert')
  await expect.poll(() => entry.count()).toBe(1)
  expect(await entry.getAttribute('data-code')).toBe('INTERNAL')
  expect(await entry.innerText()).toContain('Sightline could not do that because of an internal error.')
  expect(await entry.innerText()).not.toContain('The details are in the log.')
  await Promise.all([page.waitForEvent('load'), entry.getByRole('button', { name: 'Reload' }).click()])
  await page.close()
}, 30_000)

it('errors are in the window language: a German window words the same code in German, with German buttons', async () => {
  const { page } = await app.open('conversation', { locale: 'de-DE' })
  await expect.poll(() => page.getByRole('log').count()).toBe(1)
  await emit(page, 'onError', { code: 'CONNECTION_LOST', message: 'The connection to Gemini was lost.', params: { closeCode: 1006 } })
  const entry = page.getByRole('alert')
  await expect.poll(() => entry.count()).toBe(1)
  expect(await entry.innerText()).toContain('Die Verbindung zu Gemini ist abgebrochen. Schließcode 1006.')
  expect(await entry.getByRole('button', { name: 'Wiederholen' }).count()).toBe(1)
  expect(await entry.innerText()).not.toContain('The connection to Gemini was lost.')
  await page.close()
}, 30_000)
