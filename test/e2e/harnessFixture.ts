import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startHarness, type Harness, type HarnessOptions } from '../../electron/main/harness/startHarness'
import type { WindowSource } from '../../electron/main/core/ports'
import type { WireMessage } from '../../shared/wireCodec'
import { recordingLogger } from '../support/routerFixtures'
import { launchChromium } from './chromium'
import { createPinoLogger } from '../../electron/main/platform/pinoLogger'

export interface RunningHarness {
  harness: Harness
  browser: Browser
  page: Page
  /** Every message that crossed the bridge, both ways. */
  traffic: { direction: 'in' | 'out'; message: WireMessage }[]
  logger: ReturnType<typeof recordingLogger>
  userDataDir: string
  close(): Promise<void>
}

/** Starts the harness on a fresh settings folder and opens its page in Chromium. */
export async function openHarness(options: {
  baseUrl?: string
  env?: Record<string, string | undefined>
  fakeMicWav?: string
  /** Log to this file through the app's own pino logger instead of memory. */
  logFile?: string
  /** Runs in the page before any of its own scripts (e.g. to stand in for the capture picker). */
  initScript?: () => void
  /** The browser's language (navigator.language), as the OS locale would set it in the app. */
  locale?: string
  /** Reuse this user-data folder (an app restart); the caller removes it. By default a fresh one, removed on close. */
  userDataDir?: string
  /** Prepares the settings folder before main starts (e.g. a damaged settings file). */
  seedUserData?: (userDataDir: string) => void
  /** The privacy gate's window list (a stand-in the test moves). */
  windowSource?: WindowSource
  /** The pointer for the ring in frames (see HarnessOptions). */
  pointerSource?: HarnessOptions['pointerSource']
  viewport?: { width: number; height: number }
} = {}): Promise<RunningHarness> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'sightline-e2e-'))
  options.seedUserData?.(userDataDir)
  const logger = recordingLogger()
  let knownSecrets: () => readonly string[] = () => []
  const appLogger = options.logFile ? createPinoLogger({ file: options.logFile, level: 'debug', knownSecrets: () => knownSecrets() }) : logger
  const harness = await startHarness({ userDataDir, logger: appLogger, baseUrl: options.baseUrl, env: options.env ?? {}, secrets: 'memory', windowSource: options.windowSource, pointerSource: options.pointerSource })
  knownSecrets = () => harness.services.keys.knownSecrets()
  const traffic: RunningHarness['traffic'] = []
  harness.bridge.onTraffic((direction, message) => traffic.push({ direction, message }))
  const browser = await launchChromium({ fakeMicWav: options.fakeMicWav })
  const context = await browser.newContext({ permissions: ['microphone'], locale: options.locale, ...(options.viewport && { viewport: options.viewport }) })
  const page = await context.newPage()
  if (options.initScript) await page.addInitScript(options.initScript)
  await page.goto(harness.url)
  return {
    harness,
    browser,
    page,
    traffic,
    logger,
    userDataDir,
    async close() {
      await browser.close()
      await harness.close()
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
