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
  await emit(page, 'onError', { code: 'CONNECTION_LOST', message: 'The connection to Gemini was lost.', action: 'Check your internet connection.' })
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
    await emit(page, 'onError', { code, message: `fault ${code}`, action: null })
    await page.getByRole('alert').getByRole('button', { name: button }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 1 }).count()).toBe(1)
    expect(await page.getByText(`fault ${code}`).count()).toBe(0)
    await page.close()
  }
}, 60_000)
