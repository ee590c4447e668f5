import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { FakeLiveServer } from '../support/fakeLive/fakeLiveServer'
import { friendlyScript } from '../support/fakeLive/friendlyScript'
import { openHarness, type RunningHarness } from './harnessFixture'

// Accessibility, measured: axe-core over every view the app has, in light and dark, with the
// rule that no serious or critical violation ships; plus keyboard reach and live announcements.
const KEY = 'e2e-a11y-key-5678'

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

async function open(withKey: boolean): Promise<RunningHarness> {
  const run = await openHarness({ baseUrl, env: withKey ? { GEMINI_API_KEY: KEY } : {} })
  runs.push(run)
  return run
}

/** Each serious or critical violation as "rule: target (summary)", so a failure names what to fix. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${node.failureSummary?.replace(/\s+/g, ' ')})`))
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe over onboarding, conversation, settings, history and the call bar (${scheme}): no serious or critical violations`, async () => {
    const first = await open(false)
    await first.page.emulateMedia({ colorScheme: scheme })
    await expect(first.page.getByRole('heading', { name: 'Welcome to Sightline' })).toBeVisible()
    const found: Record<string, string[]> = { onboarding: await seriousViolations(first.page) }

    const run = await open(true)
    const { page } = run
    await page.emulateMedia({ colorScheme: scheme })
    await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
    found.conversation = await seriousViolations(page)

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    found.settings = await seriousViolations(page)

    await page.keyboard.press('Control+Shift+H')
    await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible()
    found.history = await seriousViolations(page)

    // The call bar loads the same page with #call-bar; the bridge token stays in this tab's sessionStorage.
    await page.evaluate(() => {
      location.hash = 'call-bar'
      location.reload()
    })
    await expect(page.getByRole('main', { name: 'Sightline call bar' })).toBeVisible()
    found.callBar = await seriousViolations(page)

    expect(found).toEqual({ onboarding: [], conversation: [], settings: [], history: [], callBar: [] })
  })
}

/**
 * Marks every visible, enabled control in the page with its DOM position and returns how many there
 * are. A radio group is one Tab stop (its checked radio; arrows move within it), as in every browser.
 */
async function markControls(page: Page): Promise<number> {
  return page.evaluate(() => {
    const selector = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])'
    const isTabStop = (element: HTMLElement) => {
      if (!(element instanceof HTMLInputElement) || element.type !== 'radio' || element.checked) return true
      const group = [...document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${element.name}"]`)]
      return !group.some((radio) => radio.checked) && group[0] === element
    }
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      const box = element.getBoundingClientRect()
      const shown = box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden'
      // `:disabled` also covers a control inside a disabled fieldset (an option the model does not take).
      return !element.matches(':disabled') && shown && isTabStop(element)
    })
    controls.forEach((element, index) => (element.dataset.a11yIndex = String(index)))
    return controls.length
  })
}

/** Tabs from the top of the page once around and returns the DOM position of each control focused, in order. */
async function tabOrder(page: Page, count: number): Promise<number[]> {
  // Start from the top of the page: a blurred control would still be the browser's starting point.
  await page.evaluate(() => {
    const start = document.createElement('div')
    start.tabIndex = -1
    document.body.prepend(start)
    start.focus()
    start.addEventListener('blur', () => start.remove(), { once: true })
  })
  const order: number[] = []
  for (let press = 0; press < count + 2; press++) {
    await page.keyboard.press('Tab')
    const index = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.a11yIndex ?? null)
    if (index === null) continue
    if (order.includes(Number(index))) break
    order.push(Number(index))
  }
  return order
}

test('every control in onboarding, conversation, settings and history is reached by Tab, in reading order', async () => {
  const first = await open(false)
  await expect(first.page.getByRole('heading', { name: 'Welcome to Sightline' })).toBeVisible()
  const onboardingCount = await markControls(first.page)
  expect(await tabOrder(first.page, onboardingCount)).toEqual([...Array(onboardingCount).keys()])

  const { page } = await open(true)
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  const views: Record<string, () => Promise<void>> = {
    conversation: async () => {},
    settings: async () => {
      await page.getByRole('button', { name: 'Settings', exact: true }).press('Enter')
      await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    },
    history: async () => {
      await page.keyboard.press('Control+Shift+H')
      await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible()
    },
  }
  for (const [view, show] of Object.entries(views)) {
    await show()
    const count = await markControls(page)
    expect(count, view).toBeGreaterThan(1)
    expect({ view, order: await tabOrder(page, count) }).toEqual({ view, order: [...Array(count).keys()] })
  }
})

test('the session state is announced: a polite live region whose words follow the session', async () => {
  const { page } = await open(true)
  const status = page.getByRole('banner').getByRole('status')
  await expect(status).toHaveAttribute('aria-live', 'polite')
  await expect(status).toContainText('Not connected')
  await page.getByRole('button', { name: 'Start session' }).click()
  await expect(status).toContainText('Live')
  await page.getByRole('button', { name: 'End session' }).click()
  await expect(status).toContainText('Not connected')
})

/** Elements whose computed style still animates or transitions for longer than an instant. */
function movingElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('*')]
      .filter((element) => {
        const style = getComputedStyle(element)
        const longest = (list: string) => Math.max(...list.split(',').map((part) => parseFloat(part) || 0))
        return (style.animationName !== 'none' && longest(style.animationDuration) > 0) || longest(style.transitionDuration) > 0
      })
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`),
  )
}

test('prefers-reduced-motion stops every animation and transition; prefers-contrast: more makes muted text full strength', async () => {
  const { page } = await open(true)
  await expect(page.getByRole('button', { name: 'Talk', exact: true })).toBeVisible()
  // Without the preference the level meter glides: the check below sees motion when there is some.
  await page.emulateMedia({ reducedMotion: 'no-preference' })
  expect(await movingElements(page)).toContain('div.fill')
  await page.emulateMedia({ reducedMotion: 'reduce' })
  expect(await movingElements(page)).toEqual([])

  const colours = () =>
    page.evaluate(() => {
      const probe = document.createElement('span')
      probe.className = 'muted'
      document.body.append(probe)
      const result = { muted: getComputedStyle(probe).color, text: getComputedStyle(document.body).color }
      probe.remove()
      return result
    })
  await page.emulateMedia({ contrast: 'no-preference', colorScheme: 'light' })
  const normal = await colours()
  expect(normal.muted).not.toBe(normal.text)
  await page.emulateMedia({ contrast: 'more' })
  const more = await colours()
  expect(more.muted).toBe(more.text)
})
