import { defineConfig } from '@playwright/test'

/**
 * e2e: the built renderer in Debian Chromium, served by the browser harness, with the real
 * main-side router and engine behind the WebSocket bridge and the fake Live server behind that.
 * Build first (`npm test` does): out/renderer and out/harness must exist.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: 'list',
  outputDir: '../../test-results/e2e',
})
