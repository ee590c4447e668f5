import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'
import { chromium, type Browser, type Page } from '@playwright/test'
import { DEFAULT_SETTINGS } from '../../../shared/settings'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

/** The built renderer served on loopback, and a Chromium to look at it with. */
export interface RendererPage {
  /** Opens the app; `problems` collects page errors and console errors (a CSP violation shows up there). */
  open(scenario: string, options?: { hash?: string; width?: number; height?: number; locale?: string }): Promise<{ page: Page; problems: string[] }>
  close(): Promise<void>
}

/**
 * Builds the real renderer (the same index.html, CSP included), serves it on 127.0.0.1 and opens
 * it in Debian's Chromium with `fakeBridge.js` standing in for the preload.
 */
export async function startRendererPage(): Promise<RendererPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'sightline-renderer-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(root, 'renderer'),
    plugins: [vue()],
    build: { outDir, emptyOutDir: true, sourcemap: false, rollupOptions: { input: join(root, 'renderer/index.html') } },
  })
  const server: Server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://localhost').pathname).replace(/^(\.\.[/\\])+/, '')
    readFile(join(outDir, path === '/' ? 'index.html' : path)).then(
      (body) => {
        res.writeHead(200, { 'content-type': MIME[extname(path) || '.html'] ?? 'application/octet-stream' })
        res.end(body)
      },
      () => {
        res.writeHead(404)
        res.end()
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  // The scripted bridge starts from the app's real defaults, handed over as JSON so they cannot drift.
  const fakeBridge =
    `globalThis.__sightlineDefaults = ${JSON.stringify(DEFAULT_SETTINGS)};\n` +
    (await readFile(fileURLToPath(new URL('./fakeBridge.js', import.meta.url)), 'utf8'))
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
    ],
  })

  return {
    async open(scenario, options = {}) {
      const context = await browser.newContext({ viewport: { width: options.width ?? 900, height: options.height ?? 700 }, ...(options.locale && { locale: options.locale }) })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(error.message))
      page.on('console', (message) => {
        // The page asks for a favicon the build does not have; nothing else may fail.
        if (message.type() === 'error' && !message.text().includes('404')) problems.push(message.text())
      })
      await page.addInitScript(fakeBridge)
      await page.goto(`http://127.0.0.1:${port}/?scenario=${encodeURIComponent(scenario)}${options.hash ?? ''}`)
      return { page, problems }
    },
    async close() {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(outDir, { recursive: true, force: true })
    },
  }
}
