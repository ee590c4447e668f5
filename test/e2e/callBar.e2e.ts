import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import type { FakeLiveScript } from '../support/fakeLive/fakeLiveTypes'
import type { SightlineApi } from '../../shared/ipcContract'
import { CALL_BAR_SIZE } from '../../electron/main/core/callBar/callBarPlacement'
import { openHarness, type RunningHarness } from './harnessFixture'

// The call bar (issue 17) as the user meets it: a second window on the same main, driven by a
// scripted session on the fake Live server. The main page hosts the audio (Chromium's fake mic
// beeps; the answer plays through the real worklet); the call bar shows what main derives and
// the levels main relays, and its buttons act on the session.

declare global {
  interface Window {
    /** Every text the call bar's status said, in order. */
    __phases: string[]
    /** Every meter value the call bar drew, with when (performance.now()). */
    __meters: { at: number; name: string; value: number }[]
  }
}

/** Holds each answer until the test lets it go, so "thinking" lasts as long as the test looks at it. */
let letAnswerGo: (() => void) | null = null
const heldAnswer: FakeLiveScript = {
  async onTurn(connection, turn) {
    await new Promise<void>((resolve) => (letAnswerGo = resolve))
    letAnswerGo = null
    await connection.reply({
      inputTranscript: turn.text ? undefined : '(speech)',
      audio: { ms: 2_500 },
      outputTranscript: 'Here is the answer, spoken.',
      chunkDelayMs: 20,
    })
  },
}

/** A screen share stands in for the browser's picker (headless Chromium cannot capture a screen). */
function scriptedScreen(): void {
  const canvas = document.createElement('canvas')
  canvas.width = 640
  canvas.height = 360
  const g = canvas.getContext('2d')!
  // A canvas stream has a frame only when the canvas is drawn; a real screen keeps producing them.
  setInterval(() => g.fillRect(0, 0, 1 + Math.random() * 10, 10), 100)
  navigator.mediaDevices.getDisplayMedia = async () => canvas.captureStream(5)
}

let server: FakeLiveServer
let run: RunningHarness
let bar: Page

test.beforeAll(async () => {
  server = new FakeLiveServer({ script: heldAnswer })
  run = await openHarness({ baseUrl: await server.start(), env: { GEMINI_API_KEY: 'e2e-callbar-key-4321' }, initScript: scriptedScreen })
  await expect(run.page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  bar = await openCallBar(run)
})

test.afterAll(async () => {
  await run?.close()
  await server?.stop()
})

/** The call bar loads the same page with #call-bar; the bridge token is kept in the tab's sessionStorage. */
async function openCallBar(harness: RunningHarness): Promise<Page> {
  const page = await harness.page.context().newPage()
  await page.setViewportSize({ width: 500, height: 60 })
  await page.goto(harness.harness.url)
  await page.evaluate(() => {
    location.hash = 'call-bar'
    location.reload()
  })
  await expect(page.getByRole('main', { name: 'Sightline call bar' })).toBeVisible()
  await page.evaluate(() => {
    window.__phases = []
    window.__meters = []
    const status = document.querySelector('[role="status"]')!
    const record = () => {
      const text = (status as HTMLElement).innerText.trim()
      if (window.__phases.at(-1) !== text) window.__phases.push(text)
    }
    record()
    new MutationObserver(record).observe(status, { subtree: true, childList: true, characterData: true })
    for (const meter of document.querySelectorAll('[role="meter"]')) {
      new MutationObserver(() => {
        window.__meters.push({ at: performance.now(), name: meter.getAttribute('aria-label')!, value: Number(meter.getAttribute('aria-valuenow')) })
      }).observe(meter, { attributes: true, attributeFilter: ['aria-valuenow'] })
    }
  })
  return page
}

const status = (page: Page) => page.getByRole('status')
const phases = (page: Page) => page.evaluate(() => window.__phases)
/** How many different non-zero values a meter drew since `since` (performance.now() of the call bar page). */
const movesOf = (page: Page, name: string, since: number) =>
  page.evaluate(([n, s]) => new Set(window.__meters.filter((m) => m.name === n && m.at >= (s as number) && m.value > 0).map((m) => m.value)).size, [name, since] as const)
const now = (page: Page) => page.evaluate(() => performance.now())

test('a scripted session drives the call bar: listening → thinking → speaking → ready → reconnecting → ready, with both meters moving', async () => {
  // Hold Talk on the call bar: main opens the session, the main page's mic starts, and its level reaches the bar.
  const talk = bar.getByRole('button', { name: 'Talk', exact: true })
  const box = (await talk.boundingBox())!
  await bar.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const holdStart = await now(bar)
  await bar.mouse.down()
  await expect(status(bar)).toHaveText('Listening')
  await expect.poll(() => movesOf(bar, 'Microphone level', holdStart), { timeout: 15_000 }).toBeGreaterThanOrEqual(3)
  await bar.mouse.up()

  // The question is out; the fake server holds its answer.
  await expect(status(bar)).toHaveText('Thinking…')
  await expect.poll(() => letAnswerGo !== null).toBe(true)
  const answerStart = await now(bar)
  letAnswerGo!()
  await expect(status(bar)).toHaveText('Speaking')
  await expect.poll(() => movesOf(bar, 'Sightline’s voice level', answerStart), { timeout: 15_000 }).toBeGreaterThanOrEqual(3)
  await expect(status(bar)).toHaveText('Ready', { timeout: 20_000 })
  // Nothing hangs on the voice meter once the answer has played.
  await expect(bar.getByRole('meter', { name: 'Sightline’s voice level' })).toHaveAttribute('aria-valuenow', '0')

  // The connection drops: the bar says so until the session is back.
  server.connections.at(-1)!.drop()
  await expect.poll(() => phases(bar)).toContain('Reconnecting…')
  await expect(status(bar)).toHaveText('Ready', { timeout: 20_000 })

  const said = await phases(bar)
  const order = ['Listening', 'Thinking…', 'Speaking', 'Ready', 'Reconnecting…', 'Ready']
  let at = 0
  for (const phase of said) if (phase === order[at]) at++
  expect(at, `phases said: ${said.join(' → ')}`).toBe(order.length)
})

test('keyboard: Tab reaches Talk, Mute, Stop sharing and End in that order with a visible focus ring, and each works from the keyboard', async () => {
  // Tabs stand in for windows here; a background tab's canvas stream would not start.
  await run.page.bringToFront()
  await run.page.getByRole('button', { name: 'Share screen' }).click()
  await expect(status(bar)).toHaveText('Looking at your screen')
  const stopSharing = bar.getByRole('button', { name: 'Stop sharing' })
  await expect(stopSharing).toBeVisible()

  // From the start of the bar, as when the user first tabs into it: a click on its text sets where Tab starts.
  await status(bar).click()
  const order: string[] = []
  for (let i = 0; i < 4; i++) {
    await bar.keyboard.press('Tab')
    order.push(
      await bar.evaluate(() => {
        const focused = document.activeElement as HTMLElement
        const ring = getComputedStyle(focused).outlineStyle
        return `${focused.getAttribute('aria-label') ?? focused.innerText.trim()}${ring === 'none' ? ' (no focus ring)' : ''}`
      }),
    )
  }
  expect(order).toEqual(['Talk', 'Mute', 'Stop sharing', 'End the session'])

  // Space held on Talk talks; let go, it asks.
  await bar.getByRole('button', { name: 'Talk', exact: true }).focus()
  await bar.keyboard.down('Space')
  await expect(status(bar)).toHaveText('Listening')
  await bar.waitForTimeout(500)
  await bar.keyboard.up('Space')
  await expect(status(bar)).toHaveText('Thinking…')
  await expect.poll(() => letAnswerGo !== null).toBe(true)
  letAnswerGo!()
  await expect(status(bar)).toHaveText('Looking at your screen', { timeout: 20_000 })

  // Mute: pressed, the state says so and Talk is off-limits; again, back.
  const mute = bar.getByRole('button', { name: 'Mute' })
  await mute.focus()
  await bar.keyboard.press('Enter')
  await expect(mute).toHaveAttribute('aria-pressed', 'true')
  await expect(status(bar)).toHaveText('Paused · Microphone muted')
  await expect(bar.getByRole('button', { name: 'Talk', exact: true })).toBeDisabled()
  await bar.keyboard.press('Space')
  await expect(mute).toHaveAttribute('aria-pressed', 'false')

  // Stop sharing: the main page, which holds the capture, stops it.
  await stopSharing.focus()
  await bar.keyboard.press('Enter')
  await expect(run.page.getByRole('button', { name: 'Share screen' })).toBeVisible()
  await expect(stopSharing).toHaveCount(0)
  await expect(status(bar)).toHaveText('Ready')
})

test('axe on the live call bar (light and dark, ready and muted): no serious or critical violations', async () => {
  const found: Record<string, string[]> = {}
  for (const scheme of ['light', 'dark'] as const) {
    await bar.emulateMedia({ colorScheme: scheme })
    found[`${scheme} ready`] = await seriousViolations(bar)
    await bar.getByRole('button', { name: 'Mute' }).click()
    await expect(status(bar)).toContainText('Microphone muted')
    found[`${scheme} muted`] = await seriousViolations(bar)
    await bar.getByRole('button', { name: 'Mute' }).click()
  }
  expect(found).toEqual({ 'light ready': [], 'light muted': [], 'dark ready': [], 'dark muted': [] })
})

test('End ends the session from the bar, and the bar then says so', async () => {
  await bar.getByRole('button', { name: 'End the session' }).click()
  await expect(status(bar)).toHaveText('Not connected')
  expect(server.connections.every((c) => !c.isOpen)).toBe(true)
})

test('the call bar speaks the UI language: the language setting changed in the main window applies to the bar at once', async () => {
  const setLanguage = (uiLanguage: 'de' | 'system') =>
    run.page.evaluate((language) => (window as unknown as { sightline: SightlineApi }).sightline.updateSettings({ uiLanguage: language }), uiLanguage)
  expect((await setLanguage('de')).ok).toBe(true)
  await expect(status(bar)).toHaveText('Nicht verbunden')
  await expect(bar.getByRole('main', { name: 'Sightline-Anrufleiste' })).toBeVisible()
  await expect(bar.getByRole('button', { name: 'Sprechen', exact: true })).toBeVisible()
  expect((await setLanguage('system')).ok).toBe(true)
  await expect(status(bar)).toHaveText('Not connected')
})

/** Each serious or critical violation as "rule: target", so a failure names what to fix. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${node.failureSummary?.replace(/\s+/g, ' ')})`))
}

test('text overflow: in German and Spanish, while sharing, the call bar at its window size keeps its state readable and every button inside', async () => {
  // The window's own size: at 460 wide the German state had no width left and End was cut off.
  await bar.setViewportSize(CALL_BAR_SIZE)
  const setLanguage = (uiLanguage: 'de' | 'es' | 'system') =>
    run.page.evaluate((language) => (window as unknown as { sightline: SightlineApi }).sightline.updateSettings({ uiLanguage: language }), uiLanguage)
  const words = { de: { share: 'Bildschirm teilen', stop: 'Teilen beenden', looking: 'Schaut auf Ihren Bildschirm' }, es: { share: 'Compartir pantalla', stop: 'Dejar de compartir', looking: 'Mirando tu pantalla' } } as const
  await run.page.bringToFront()
  for (const language of ['de', 'es'] as const) {
    expect((await setLanguage(language)).ok).toBe(true)
    await run.page.getByRole('button', { name: words[language].share, exact: true }).click()
    await expect(bar.getByRole('button', { name: words[language].stop })).toBeVisible()
    await expect(status(bar)).toHaveText(words[language].looking)
    const fit = await bar.evaluate(() => {
      const width = document.documentElement.clientWidth
      const state = document.querySelector<HTMLElement>('[role="status"]')!
      return {
        stateWidth: state.getBoundingClientRect().width,
        outside: [...document.querySelectorAll('button')].filter((b) => b.getBoundingClientRect().right > width).map((b) => b.innerText),
      }
    })
    expect(fit.outside, language).toEqual([])
    expect(fit.stateWidth, language).toBeGreaterThanOrEqual(50)
    await bar.getByRole('button', { name: words[language].stop }).click()
    await expect(run.page.getByRole('button', { name: words[language].share, exact: true })).toBeVisible()
  }
  expect((await setLanguage('system')).ok).toBe(true)
})

test('a share\'s name follows the UI language: shared in English, then German, the bar and the share line say it in German', async () => {
  const setLanguage = (uiLanguage: 'de' | 'system') =>
    run.page.evaluate((language) => (window as unknown as { sightline: SightlineApi }).sightline.updateSettings({ uiLanguage: language }), uiLanguage)
  await run.page.bringToFront()
  await run.page.getByRole('button', { name: 'Share screen', exact: true }).click()
  await expect(status(bar)).toHaveText('Looking at your screen')
  expect((await setLanguage('de')).ok).toBe(true)
  await expect(status(bar)).toHaveText('Schaut auf Ihren Bildschirm')
  await expect(run.page.getByTestId('share-line')).toContainText('Ihr Bildschirm wird geteilt')
  await bar.getByRole('button', { name: 'Teilen beenden' }).click()
  await expect(run.page.getByRole('button', { name: 'Bildschirm teilen', exact: true })).toBeVisible()
  expect((await setLanguage('system')).ok).toBe(true)
})

test('a stale error after its cause: muted on the bar, Talk on the page is refused with an Unmute button; unmuting on the bar takes the error away', async () => {
  await run.page.bringToFront()
  if (await run.page.getByRole('button', { name: 'Start session' }).isVisible()) await run.page.getByRole('button', { name: 'Start session' }).click()
  await expect(status(bar)).toHaveText(/Ready|Looking/)
  await bar.getByRole('button', { name: 'Mute' }).click()
  await expect(status(bar)).toHaveText('Paused · Microphone muted')
  await run.page.getByRole('button', { name: 'Talk', exact: true }).click()
  const muted = run.page.getByRole('alert').filter({ hasText: 'The microphone is muted.' })
  await expect(muted).toHaveCount(1)
  await expect(muted.getByRole('button', { name: 'Unmute', exact: true })).toBeVisible()
  await bar.getByRole('button', { name: 'Mute' }).click()
  await expect(muted).toHaveCount(0)
})
