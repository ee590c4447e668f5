import { expect, test } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// The UI follows the browser's (the OS's) language: German and Japanese browsers see the main views
// translated; a language Sightline does not have shows English.
const KEY = 'e2e-language-key-9012'

let server: FakeLiveServer
let baseUrl: string
const runs: RunningHarness[] = []

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: friendlyScript })
  baseUrl = await server.start()
})

test.afterAll(async () => {
  for (const run of runs.splice(0)) await run.close()
  await server?.stop()
})

async function open(locale: string, withKey: boolean): Promise<RunningHarness> {
  const run = await openHarness({ baseUrl, locale, env: withKey ? { GEMINI_API_KEY: KEY } : {} })
  runs.push(run)
  return run
}

const EXPECTED = {
  'de-DE': { lang: 'de', welcome: 'Willkommen bei Sightline', save: 'Schlüssel prüfen und speichern', start: 'Sitzung starten', settings: 'Einstellungen', history: 'Verlauf' },
  'ja-JP': { lang: 'ja', welcome: 'Sightline へようこそ', save: 'キーを確認して保存', start: 'セッションを開始', settings: '設定', history: '履歴' },
  'fr-FR': { lang: 'en', welcome: 'Welcome to Sightline', save: 'Check and save key', start: 'Start session', settings: 'Settings', history: 'History' },
} as const

for (const [locale, words] of Object.entries(EXPECTED)) {
  test(`a ${locale} browser: onboarding, conversation, settings and history in ${words.lang}`, async () => {
    const first = await open(locale, false)
    await expect(first.page.getByRole('heading', { name: words.welcome, level: 1 })).toBeVisible()
    await expect(first.page.getByRole('button', { name: words.save })).toBeVisible()
    expect(await first.page.evaluate(() => document.documentElement.lang)).toBe(words.lang)

    const { page } = await open(locale, true)
    await expect(page.getByRole('button', { name: words.start })).toBeVisible()
    await page.getByRole('button', { name: words.settings, exact: true }).click()
    await expect(page.getByRole('heading', { name: words.settings, level: 1 })).toBeVisible()
    await page.keyboard.press('Control+Shift+H')
    await expect(page.getByRole('heading', { name: words.history, level: 1 })).toBeVisible()
  })
}
