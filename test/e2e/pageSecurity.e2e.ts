import { expect, test } from '@playwright/test'
import { contract } from '../../shared/ipcContract'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../electron/main/windows/securityPolicy'
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

test('the page is served with the strict CSP, as a header (with frame-ancestors) and a meta tag', async () => {
  const response = await run.page.request.get(run.harness.origin + '/')
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER)
  expect(response.headers()['x-frame-options']).toBe('DENY')
  const meta = await run.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(meta).toBe(CONTENT_SECURITY_POLICY)
})

// Plain Chromium has no require, process or ipcRenderer to leak, so this suite cannot show their
// absence; the Electron smoke suite checks that on the preload's real page. What can fail here:
// the harness bridge must offer exactly the contract, frozen.
test('the harness bridge offers exactly the contract\'s methods, frozen', async () => {
  const globals = await run.page.evaluate(() => ({
    bridgeKeys: Object.keys(window.sightline ?? {}).sort(),
    bridgeFrozen: Object.isFrozen(window.sightline),
  }))
  expect(globals.bridgeFrozen).toBe(true)
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

test('a second local server on another port gets nothing usable: no cookie, no token, no storage, no bridge, no frame', async () => {
  // The harness page is open and working in this browser context, token and all.
  await expect(run.page.getByRole('main')).toBeVisible()
  expect(new URL(run.page.url()).hash).toBe('')
  expect(await run.page.evaluate(() => document.cookie)).toBe('')
  const seen: IncomingHttpHeaders[] = []
  const bridgeUrl = run.harness.origin.replace('http', 'ws') + '/__harness/bridge'
  const neighbour = createServer((req, res) => {
    seen.push(req.headers)
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(`<!doctype html><title>neighbour</title><iframe id="f" src="${run.harness.origin}/"></iframe>`)
  })
  await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', resolve))
  const neighbourOrigin = `http://127.0.0.1:${(neighbour.address() as AddressInfo).port}`
  const stranger = await run.page.context().newPage()
  try {
    await stranger.goto(neighbourOrigin + '/')
    // Nothing the neighbour server received carries the token, and no cookie at all was sent.
    expect(seen.length).toBeGreaterThan(0)
    for (const headers of seen) {
      expect(headers.cookie).toBeUndefined()
      expect(JSON.stringify(headers)).not.toContain(run.harness.token)
    }
    const pageSide = await stranger.evaluate(
      async ({ url, token }) => {
        const attempt = (protocols: string[]) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url, protocols)
            ws.onopen = () => resolve('open')
            ws.onerror = () => resolve('refused')
          })
        return {
          cookie: document.cookie,
          storage: JSON.stringify({ ...sessionStorage, ...localStorage }),
          withoutToken: await attempt(['sightline-bridge']),
          // Even a neighbour that somehow learnt the token is refused: its Origin is not ours.
          withToken: await attempt(['sightline-bridge', `sightline-token.${token}`]),
        }
      },
      { url: bridgeUrl, token: run.harness.token },
    )
    expect(pageSide).toEqual({ cookie: '', storage: '{}', withoutToken: 'refused', withToken: 'refused' })
    // The harness refuses to be framed: the iframe never shows our page.
    const framed = stranger.frames().find((f) => f !== stranger.mainFrame())
    expect(framed).toBeDefined()
    expect(await framed!.evaluate(() => document.title).catch(() => 'blocked')).not.toBe('Sightline')
    // And the harness page still works after all that.
    expect(await run.page.evaluate(async () => (await window.sightline!.getAppInfo()).ok)).toBe(true)
  } finally {
    await stranger.close()
    await new Promise<void>((resolve) => neighbour.close(() => resolve()))
  }
})

test('a page opened without the fragment token cannot open the bridge', async () => {
  const browser = await launchChromium()
  try {
    const stranger = await browser.newPage()
    await stranger.goto(run.harness.origin + '/')
    const result = await stranger.evaluate(async () => window.sightline!.getAppInfo())
    expect(result).toMatchObject({ ok: false, error: { code: 'HARNESS_NO_TOKEN' } })
  } finally {
    await browser.close()
  }
})
