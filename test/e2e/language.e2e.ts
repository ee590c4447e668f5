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
  'de-DE': {
    lang: 'de', welcome: 'Willkommen bei Sightline', save: 'Schlüssel prüfen und speichern', keyLabel: 'Gemini-API-Schlüssel',
    start: 'Sitzung starten', talk: 'Sprechen', idle: 'Nicht verbunden', message: 'Nachricht', share: 'Bildschirm teilen',
    empty: 'Halten Sie Sprechen', settings: 'Einstellungen', sections: ['Sprache', 'Gespräch', 'Zuhören', 'Modelloptionen', 'Bildschirm teilen', 'Ton und System'],
    back: '← Zurück zum Gespräch', history: 'Verlauf', noHistory: 'Noch keine Gespräche.', search: 'Verlauf durchsuchen',
  },
  'ja-JP': {
    lang: 'ja', welcome: 'Sightline へようこそ', save: 'キーを確認して保存', keyLabel: 'Gemini API キー',
    start: 'セッションを開始', talk: '話す', idle: '未接続', message: 'メッセージ', share: '画面を共有',
    empty: '話す (またはショートカットキー) を押したまま', settings: '設定', sections: ['言語', '会話', '聞き取り', 'モデルのオプション', '画面共有', 'サウンドとシステム'],
    back: '← 会話に戻る', history: '履歴', noHistory: 'まだ会話はありません。', search: '履歴を検索',
  },
  'fr-FR': {
    lang: 'en', welcome: 'Welcome to Sightline', save: 'Check and save key', keyLabel: 'Gemini API key',
    start: 'Start session', talk: 'Talk', idle: 'Not connected', message: 'Message', share: 'Share screen',
    empty: 'Hold Talk', settings: 'Settings', sections: ['Language', 'Conversation', 'Listening', 'Model options', 'Screen sharing', 'Sound and system'],
    back: '← Back to conversation', history: 'History', noHistory: 'No conversations yet.', search: 'Search history',
  },
} as const

for (const [locale, words] of Object.entries(EXPECTED)) {
  test(`a ${locale} browser: onboarding, conversation, settings and history in ${words.lang}`, async () => {
    const first = await open(locale, false)
    await expect(first.page.getByRole('heading', { name: words.welcome, level: 1 })).toBeVisible()
    await expect(first.page.getByRole('button', { name: words.save })).toBeVisible()
    await expect(first.page.getByLabel(words.keyLabel, { exact: true })).toBeVisible()
    expect(await first.page.evaluate(() => document.documentElement.lang)).toBe(words.lang)

    const { page } = await open(locale, true)
    await expect(page.getByRole('button', { name: words.start })).toBeVisible()
    await expect(page.getByRole('button', { name: words.talk, exact: true })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: words.idle })).toBeVisible()
    await expect(page.getByRole('textbox', { name: words.message })).toBeVisible()
    await expect(page.getByRole('button', { name: words.share, exact: true })).toBeVisible()
    await expect(page.getByRole('log')).toContainText(words.empty)

    await page.getByRole('button', { name: words.settings, exact: true }).click()
    await expect(page.getByRole('heading', { name: words.settings, level: 1 })).toBeVisible()
    for (const section of words.sections) await expect(page.getByRole('heading', { name: section, level: 2, exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: words.back })).toBeVisible()

    await page.keyboard.press('Control+Shift+H')
    await expect(page.getByRole('heading', { name: words.history, level: 1 })).toBeVisible()
    await expect(page.getByText(words.noHistory)).toBeVisible()
    await expect(page.getByRole('searchbox', { name: words.search })).toBeVisible()
  })
}

test('the language setting applies at once, over the browser language, and is kept', async () => {
  const { page } = await open('en-US', true)
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const language = page.getByLabel('Language of Sightline')
  await expect(language).toHaveValue('system')
  await language.selectOption('de')
  await expect(page.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Gespräch', level: 2, exact: true })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
  await page.getByRole('button', { name: '← Zurück zum Gespräch' }).click()
  await expect(page.getByRole('button', { name: 'Sitzung starten' })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('button', { name: 'Sitzung starten' })).toBeVisible()
  await page.getByRole('button', { name: 'Einstellungen', exact: true }).click()
  await page.getByLabel('Sprache von Sightline').selectOption('system')
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
})

test('German dates and counts: History shows the day, time and exchanges in German, the reader its tokens with German grouping', async () => {
  const { page } = await open('de-DE', true)
  const box = page.getByRole('textbox', { name: 'Nachricht' })
  await box.fill('Erzähl mir von Giraffen')
  await box.press('Enter')
  await expect(page.getByRole('log', { name: 'Gespräch' })).toContainText('You said: Erzähl mir von Giraffen', { timeout: 15_000 })
  await page.getByRole('button', { name: 'Sitzung beenden' }).click()
  await page.getByRole('button', { name: 'Verlauf', exact: true }).click()
  const day = await page.evaluate(() => new Intl.DateTimeFormat('de', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date()))
  await expect(page.getByRole('heading', { name: day, level: 2 })).toBeVisible({ timeout: 10_000 })
  const item = page.getByRole('list', { name: 'Gespräche' }).getByRole('button').first()
  await expect(item).toContainText(/\d{2}:\d{2} · 1 Wortwechsel/)
  await item.click()
  await expect(page.getByRole('button', { name: 'Fortsetzen' })).toBeVisible()
  await expect(page.locator('.reader .meta')).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · 1 Wortwechsel · [\d.]+ Tokens/)
})

test('text overflow: at the main window\'s minimum width (360 px, appWindows.ts minWidth), the conversation, Settings and History fit in German and Spanish', async () => {
  const sticksOut = (page: import('@playwright/test').Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth
      return [...document.querySelectorAll<HTMLElement>('button, select, input, textarea, label, h1, h2, p')]
        .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > width + 1)
        .map((e) => `${e.tagName} "${(e.innerText || e.id).trim().slice(0, 40)}"`)
    })
  for (const locale of ['de-DE', 'es-ES']) {
    const run = await openHarness({ baseUrl, locale, env: { GEMINI_API_KEY: KEY }, viewport: { width: 360, height: 720 } })
    runs.push(run)
    const { page } = run
    await expect(page.getByRole('log')).toBeVisible()
    expect(await sticksOut(page), `${locale} conversation`).toEqual([])
    await page.locator('[data-view-focus]').click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.locator('#set-model')).toBeVisible()
    expect(await sticksOut(page), `${locale} settings`).toEqual([])
    await page.keyboard.press('Control+Shift+H')
    await expect(page.getByRole('searchbox')).toBeVisible()
    expect(await sticksOut(page), `${locale} history`).toEqual([])
  }
})
