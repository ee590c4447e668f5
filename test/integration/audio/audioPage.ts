import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { build } from 'vite'
import wavefile from 'wavefile'
import { launchChromium } from '../../e2e/chromium'

/** The renderer's own CSP (renderer/index.html), sent as a header so the fixture runs under the same rules. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self' blob: mediastream:; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

/** A built fixture page with the AudioEngine, served on loopback and open in Chromium with a fake mic. */
export interface AudioPage {
  page: Page
  /** Every file the build wrote, relative to its output folder. */
  builtFiles: string[]
  outDir: string
  close(): Promise<void>
}

/** Writes a mono 16-bit WAV for Chromium's fake microphone. */
export function writeWav(path: string, rate: number, samples: Float32Array): void {
  const wav = new wavefile.WaveFile()
  wav.fromScratch(1, rate, '16', Int16Array.from(samples, (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767)))
  writeFileSync(path, wav.toBuffer())
}

/** Builds the fixture with Vite (production mode), serves it, and opens it in the system Chromium. */
export async function openAudioPage(options: { micSamples: Float32Array; micRate: number }): Promise<AudioPage> {
  const work = mkdtempSync(join(tmpdir(), 'sightline-audio-'))
  const outDir = join(work, 'out')
  await build({
    configFile: false,
    root: join(import.meta.dirname, 'fixture'),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false, modulePreload: false },
  })
  const builtFiles = listFiles(outDir)
  const wavPath = join(work, 'mic.wav')
  writeWav(wavPath, options.micRate, options.micSamples)

  const server = await serve(outDir)
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  let browser: Browser | null = null
  try {
    browser = await launchChromium({ fakeMicWav: wavPath })
    const context = await browser.newContext({ permissions: ['microphone'] })
    const page = await context.newPage()
    await page.goto(`http://127.0.0.1:${address.port}/index.html`)
    await page.waitForFunction(() => document.title === 'ready')
    const opened = browser
    return {
      page,
      builtFiles,
      outDir,
      async close() {
        await opened.close()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        rmSync(work, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await browser?.close()
    server.close()
    rmSync(work, { recursive: true, force: true })
    throw error
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`]
  })
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)))
    if (!path.startsWith(root) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP })
    createReadStream(path).pipe(response)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
