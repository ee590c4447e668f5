import { expect, test } from '@playwright/test'
import { contract } from '../../shared/ipcContract'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/windows/securityPolicy'
import { openHarness, type RunningHarness } from './harnessFixture'
import { launchChromium } from './chromium'

let run: RunningHarness

test.beforeAll(async () => {
  run = await openHarness()
})
test.afterAll(async () => {
  await run?.close()
})

test('the harness shows the real Vue UI', async () => {
  await expect(run.page.getByRole('main')).toBeVisible()
  await expect(run.page).toHaveTitle('Sightline')
})

test('the page is served with the strict CSP, as a header and a meta tag', async () => {
  const response = await run.page.request.get(run.harness.origin + '/')
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  const meta = await run.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(meta).toBe(CONTENT_SECURITY_POLICY)
})

test('the page sees no require, process, module or ipcRenderer; only the bridge methods', async () => {
  const globals = await run.page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
    ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
    electron: typeof (globalThis as Record<string, unknown>).electron,
    bridgeKeys: Object.keys(window.sightline ?? {}).sort(),
    bridgeFrozen: Object.isFrozen(window.sightline),
  }))
  expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined', electron: 'undefined', bridgeFrozen: true })
  const expected = [...Object.keys(contract.invoke), ...Object.keys(contract.send), ...Object.keys(contract.events)].sort()
  expect(globals.bridgeKeys).toEqual(expected)
})

test('an inline script is blocked by the CSP', async () => {
  const ran = await run.page.evaluate(async () => {
    const el = document.createElement('script')
    el.textContent = 'window.__inlineRan = true'
    document.body.append(el)
    await new Promise((r) => setTimeout(r, 50))
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
  })
  expect(ran).toBe(false)
})

test('a page from another origin cannot open the bridge or load the app without the token', async () => {
  const browser = await launchChromium()
  try {
    const stranger = await browser.newPage()
    const noToken = await stranger.request.get(run.harness.origin + '/')
    expect(noToken.status()).toBe(403)
    // A page on another loopback origin tries the bridge socket directly.
    await stranger.goto('about:blank')
    const outcome = await stranger.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url)
          ws.onopen = () => resolve('open')
          ws.onerror = () => resolve('refused')
        }),
      run.harness.origin.replace('http', 'ws') + '/__harness/bridge',
    )
    expect(outcome).toBe('refused')
  } finally {
    await browser.close()
  }
})
