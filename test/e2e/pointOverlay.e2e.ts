import { expect, test, type Page } from '@playwright/test'
import { openHarness, type RunningHarness } from './harnessFixture'

/**
 * The point_at overlay page (renderer/overlay/) in Chromium, served like the app's page with the
 * same CSP. The preload's bridge is stood in for by an init script that hands the test the page's
 * marker listener, as the real preload does with validated markers from main.
 */
let running: RunningHarness
let page: Page

test.beforeAll(async () => {
  running = await openHarness()
})

test.afterAll(async () => {
  await running?.close()
})

test.beforeEach(async () => {
  page = await running.page.context().newPage()
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.addInitScript(() => {
    const w = window as unknown as { sightlineOverlay: unknown; showTestMarker?: (m: unknown) => void }
    w.sightlineOverlay = { onMarker: (listener: (m: unknown) => void) => (w.showTestMarker = listener) }
  })
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} (${m.location().url})`))
  await page.goto(new URL('/overlay/index.html', running.harness.url).href)
  await page.waitForFunction(() => typeof (window as unknown as { showTestMarker?: unknown }).showTestMarker === 'function')
  expect(errors).toEqual([])
})

test.afterEach(async () => {
  await page.close()
})

async function show(marker: { x: number; y: number; label: string; durationMs: number }) {
  await page.evaluate((m) => (window as unknown as { showTestMarker: (m: unknown) => void }).showTestMarker(m), marker)
}

test('the pointer page is titled in the UI language main hands it in the fragment', async () => {
  expect(await page.title()).toBe('Sightline pointer')
  const spanish = await running.page.context().newPage()
  await spanish.goto(new URL('/overlay/index.html#lang=es', running.harness.url).href)
  await expect(spanish).toHaveTitle('Puntero de Sightline')
  expect(await spanish.evaluate(() => document.documentElement.lang)).toBe('es')
  await spanish.close()
})

test('the marker is centred on the point it was given, with its label as text', async () => {
  await show({ x: 300, y: 200, label: '<b>Save</b>', durationMs: 4_000 })
  const ring = await page.locator('.ring').boundingBox()
  expect(ring).not.toBeNull()
  // The pulse scales the ring about its centre, so the centre is exact whatever the animation's phase.
  expect(Math.abs(ring!.x + ring!.width / 2 - 300)).toBeLessThan(1)
  expect(Math.abs(ring!.y + ring!.height / 2 - 200)).toBeLessThan(1)
  await expect(page.locator('#marker-label')).toHaveText('<b>Save</b>')
  await expect(page.locator('#marker-label b')).toHaveCount(0)
})

test('a second marker moves the first, and the marker hides after its time', async () => {
  await show({ x: 100, y: 100, label: 'One', durationMs: 4_000 })
  await show({ x: 900, y: 600, label: 'Two', durationMs: 300 })
  const ring = await page.locator('.ring').boundingBox()
  expect(Math.abs(ring!.x + ring!.width / 2 - 900)).toBeLessThan(1)
  await expect(page.locator('#marker-label')).toHaveText('Two')
  await expect(page.locator('#marker')).toBeHidden({ timeout: 3_000 })
})

test('clicks pass through: nothing on the page is a pointer target, the marker included', async () => {
  await show({ x: 300, y: 200, label: 'Save', durationMs: 4_000 })
  const styles = await page.evaluate(() =>
    ['html', 'body', '#marker', '.ring', '#marker-label'].map((s) => getComputedStyle(document.querySelector(s)!).pointerEvents),
  )
  expect(styles).toEqual(['none', 'none', 'none', 'none', 'none'])
  const hit = await page.evaluate(() => {
    const el = document.elementFromPoint(300, 200)
    return el === null ? null : el.id || el.className || el.tagName
  })
  expect(['HTML', null]).toContain(hit)
  // The window is transparent where there is no marker.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)')
})

test.describe('the region picker page', () => {
  async function openPicker(fragment = ''): Promise<Page> {
    const picker = await running.page.context().newPage()
    await picker.setViewportSize({ width: 1280, height: 720 })
    await picker.addInitScript(() => {
      const w = window as unknown as { sightlineRegion: unknown; answers: unknown[] }
      w.answers = []
      w.sightlineRegion = { done: (rect: unknown) => w.answers.push(rect) }
    })
    await picker.goto(new URL('/overlay/region.html' + fragment, running.harness.url).href)
    return picker
  }
  const answers = (p: Page) => p.evaluate(() => (window as unknown as { answers: unknown[] }).answers)

  test('dragging (either way) answers the rectangle once, in CSS pixels', async () => {
    const picker = await openPicker()
    await picker.mouse.move(700, 500)
    await picker.mouse.down()
    await picker.mouse.move(400, 300, { steps: 4 })
    await expect(picker.locator('#selection')).toBeVisible()
    await picker.mouse.up()
    await picker.keyboard.press('Escape')
    expect(await answers(picker)).toEqual([{ x: 400, y: 300, width: 300, height: 200 }])
    await picker.close()
  })

  test('moving: the region already shared is shown; dragging it moves it, stopping at the screen edge', async () => {
    const picker = await openPicker('#lang=en&region=400,300,300,200')
    const box = await picker.locator('#selection').boundingBox()
    expect(box).toEqual({ x: 400, y: 300, width: 300, height: 200 })
    await picker.mouse.move(500, 400)
    await picker.mouse.down()
    await picker.mouse.move(1400, 450, { steps: 5 })
    expect(await picker.locator('#selection').boundingBox()).toEqual({ x: 980, y: 350, width: 300, height: 200 })
    await picker.mouse.up()
    expect(await answers(picker)).toEqual([{ x: 980, y: 350, width: 300, height: 200 }])
    await picker.close()
  })

  test('moving with the arrow keys (Shift: 10 px), stopping at the edge; Enter keeps it', async () => {
    const picker = await openPicker('#lang=en&region=5,300,300,200')
    await picker.keyboard.press('ArrowRight')
    await picker.keyboard.press('Shift+ArrowDown')
    for (let i = 0; i < 3; i++) await picker.keyboard.press('Shift+ArrowLeft')
    expect(await picker.locator('#selection').boundingBox()).toEqual({ x: 0, y: 310, width: 300, height: 200 })
    expect(await answers(picker)).toEqual([])
    await picker.keyboard.press('Enter')
    expect(await answers(picker)).toEqual([{ x: 0, y: 310, width: 300, height: 200 }])
    await picker.close()
  })

  test('with a region shown, dragging outside it draws a new one; without one, arrows and Enter do nothing', async () => {
    const picker = await openPicker('#lang=en&region=400,300,300,200')
    await picker.mouse.move(100, 100)
    await picker.mouse.down()
    await picker.mouse.move(250, 200, { steps: 3 })
    await picker.mouse.up()
    expect(await answers(picker)).toEqual([{ x: 100, y: 100, width: 150, height: 100 }])
    await picker.close()
    const blank = await openPicker('#region=not-a-region')
    await blank.keyboard.press('ArrowRight')
    await blank.keyboard.press('Enter')
    await expect(blank.locator('#selection')).toBeHidden()
    await blank.keyboard.press('Escape')
    expect(await answers(blank)).toEqual([null])
    await blank.close()
  })

  test('the page speaks the UI language main hands it in the fragment: title and hint from the catalogue', async () => {
    const german = await openPicker('#lang=de')
    await expect(german.locator('#hint')).toHaveText('Ziehen Sie über den Teil des Bildschirms, der geteilt werden soll. Esc bricht ab.')
    expect(await german.title()).toBe('Sightline: Bereich zum Teilen aufziehen')
    expect(await german.evaluate(() => document.documentElement.lang)).toBe('de')
    await german.close()
    const japanese = await openPicker('#lang=ja&region=400,300,300,200')
    await expect(japanese.locator('#hint')).toHaveText('範囲をドラッグして移動するか、新しく描いてください。矢印キーで移動できます（Shift: 10 px）。Enter で確定、Esc でキャンセルします。')
    expect(await japanese.title()).toBe('Sightline: ドラッグして共有する範囲を選択')
    await japanese.close()
    const unknown = await openPicker('#lang=xx')
    await expect(unknown.locator('#hint')).toHaveText('Drag over the part of the screen to share. Esc cancels.')
    expect(await unknown.title()).toBe('Sightline: drag a region to share')
    await unknown.close()
  })

  test('Esc cancels', async () => {
    const picker = await openPicker()
    await picker.keyboard.press('Escape')
    expect(await answers(picker)).toEqual([null])
    await picker.close()
  })
})
