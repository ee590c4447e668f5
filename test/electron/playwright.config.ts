import { defineConfig } from '@playwright/test'

/**
 * The Electron smoke suite: the real app, launched by Playwright's `_electron` from the built
 * `out/` (run `npm run build` first; the release workflow runs it after `npm run dist`). Where
 * the Electron binary is missing it reports every test as skipped, with the reason.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.electron.ts',
  globalSetup: './announceSkip.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
  outputDir: '../../test-results/electron',
})
