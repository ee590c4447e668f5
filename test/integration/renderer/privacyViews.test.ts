import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from '@playwright/test'
import { DEFAULT_PRIVACY_SETTINGS } from '../../../shared/privacySettings'
import { startRendererPage, type RendererPage } from '../../support/renderer/rendererPage'

/** An excluded app in front, as main sends it. */
const IN_FRONT = { code: 'SHARE_PAUSED_IN_FRONT' as const, params: { window: '1Password' } }

// The real renderer in Chromium with the scripted bridge: the privacy settings and the share line.

let app: RendererPage

beforeAll(async () => {
  app = await startRendererPage()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const calls = (page: Page, name: string): Promise<{ name: string; payload?: unknown }[]> =>
  page.evaluate((n) => (globalThis as unknown as { __calls: { name: string; payload?: unknown }[] }).__calls.filter((c) => c.name === n), name)

const emit = (page: Page, name: string, payload: unknown): Promise<void> =>
  page.evaluate(([n, p]) => (globalThis as unknown as { __emit(n: unknown, p: unknown): void }).__emit(n, p), [name, payload] as const)

describe('privacy settings', () => {
  it('refuses a malformed title pattern with its reason and saves nothing; saves a good list as typed', async () => {
    const { page } = await app.open('conversation')
    await page.getByRole('button', { name: 'Settings' }).click()
    expect(await page.getByLabel('Pause sharing for these apps').inputValue()).toBe(DEFAULT_PRIVACY_SETTINGS.excluded.apps.join('\n'))
    const titles = page.getByLabel('Pause sharing for window titles matching')
    await titles.fill('Online Banking\n(bank')
    await titles.blur()
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContainEqual(expect.stringContaining('The window-title pattern “(bank” is not a valid regular expression'))
    expect(await calls(page, 'updateSettings')).toEqual([])

    await titles.fill('Online Banking\n\\bIncognito\\b\n')
    await titles.blur()
    await expect.poll(async () => (await calls(page, 'updateSettings')).map((c) => c.payload)).toEqual([
      { privacy: { excluded: { apps: DEFAULT_PRIVACY_SETTINGS.excluded.apps, titlePatterns: ['Online Banking', '\\bIncognito\\b'] } } },
    ])
    expect(await page.getByRole('alert').count()).toBe(0)

    const blurApps = page.getByLabel('Blur these apps')
    await blurApps.fill('Slack\nMail')
    await blurApps.blur()
    await expect.poll(async () => (await calls(page, 'updateSettings')).at(-1)?.payload).toEqual({ privacy: { blurred: { apps: ['Slack', 'Mail'], titlePatterns: [] } } })
    await page.close()
  }, 30_000)

  it('picks an open window to blur or pause for', async () => {
    const { page, problems } = await app.open('conversation')
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('button', { name: 'Choose from open windows…' }).click()
    await page.getByLabel('Open window').selectOption({ label: 'Terminal — bash' })
    await page.getByRole('button', { name: 'Blur it' }).click()
    await expect.poll(async () => (await calls(page, 'updateSettings')).at(-1)?.payload).toEqual({ privacy: { blurred: { apps: ['Terminal'], titlePatterns: [] } } })
    await page.getByRole('button', { name: 'Pause sharing for it' }).click()
    await expect.poll(async () => (await calls(page, 'updateSettings')).at(-1)?.payload).toEqual({
      privacy: { excluded: { apps: [...DEFAULT_PRIVACY_SETTINGS.excluded.apps, 'Terminal'], titlePatterns: DEFAULT_PRIVACY_SETTINGS.excluded.titlePatterns } },
    })
    expect(await page.getByLabel('Blur these apps').inputValue()).toBe('Terminal')
    // Picked again: it is already there, and the page says so instead of doing nothing.
    await page.getByRole('button', { name: 'Blur it' }).click()
    await expect.poll(() => page.getByText('“Terminal” is already in this list.').count()).toBe(1)
    expect(problems).toEqual([])
    await page.close()
  }, 30_000)

  it('long window titles: a window without an app whose title is past what a pattern may hold is added as a pattern cut to fit, never silently nothing', async () => {
    const { page, problems } = await app.open('conversation')
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('button', { name: 'Choose from open windows…' }).click()
    await page.getByLabel('Open window').selectOption({ index: 2 })
    await page.getByRole('button', { name: 'Blur it' }).click()
    await expect.poll(async () => (await calls(page, 'updateSettings')).length).toBe(1)
    const saved = (await calls(page, 'updateSettings'))[0]!.payload as { privacy: { blurred: { titlePatterns: string[] } } }
    const [pattern] = saved.privacy.blurred.titlePatterns
    expect(pattern).toMatch(/^\^Quarterly \\\(draft\\\) report report /)
    expect(pattern!.length).toBeLessThanOrEqual(200)
    expect(new RegExp(pattern!, 'iu').test(`Quarterly (draft) ${'report '.repeat(40)}`)).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  }, 30_000)
})

describe('the share line', () => {
  it('says what is shared, shows a pause as a pause, and keeps one click to stop', async () => {
    const { page, problems } = await app.open('conversation')
    const share = { isSharing: true, source: { kind: 'window', name: 'Terminal' }, framesSent: 3, framesDropped: 9, pause: null }
    await emit(page, 'onShareState', share)
    const line = page.getByTestId('share-line')
    await expect.poll(() => line.innerText()).toContain('Sharing the window “Terminal”')
    expect(await line.getAttribute('class')).not.toContain('paused')

    await emit(page, 'onShareState', { ...share, pause: IN_FRONT })
    await expect.poll(() => line.innerText()).toBe('Sharing paused: 1Password is in front')
    expect(await line.getAttribute('class')).toContain('paused')
    expect(await page.getByRole('button', { name: 'Stop sharing' }).count()).toBe(1)

    await emit(page, 'onShareState', share)
    await expect.poll(() => line.innerText()).toContain('Sharing the window “Terminal”')
    await emit(page, 'onShareState', { ...share, isSharing: false, source: null })
    await expect.poll(() => page.getByRole('button', { name: 'Share screen' }).count()).toBe(1)
    expect(problems).toEqual([])
    await page.close()
  }, 30_000)
})

describe('the call bar', () => {
  it('shows what is looked at, and a pause as a pause', async () => {
    const { page, problems } = await app.open('conversation', { hash: '#call-bar', width: 500, height: 60 })
    const share = { isSharing: true, source: { kind: 'screen', name: 'Screen 2' }, framesSent: 1, framesDropped: 0, pause: null }
    await page.getByRole('main', { name: 'Sightline call bar' }).waitFor()
    await emit(page, 'onShareState', share)
    await emit(page, 'onCallBarState', { phase: 'looking', isMuted: false })
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Looking at Screen 2')
    await emit(page, 'onShareState', { ...share, pause: IN_FRONT })
    await emit(page, 'onCallBarState', { phase: 'paused', isMuted: false })
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Sharing paused: 1Password is in front')
    await emit(page, 'onShareState', { ...share, isSharing: false, source: null })
    await emit(page, 'onCallBarState', { phase: 'ready', isMuted: false })
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Ready')
    expect(problems).toEqual([])
    await page.close()
  }, 30_000)
})
