import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { createPinoLogger } from '../platform/pinoLogger'
import { startHarness } from './startHarness'

/**
 * `npm run dev:web`: the real UI in any browser, with the real main-side engine behind it.
 * Configuration is the app's: GEMINI_API_KEY, GOOGLE_GEMINI_BASE_URL (honoured by the SDK).
 * SIGHTLINE_HARNESS_PORT picks the port; SIGHTLINE_HARNESS_DATA the settings folder.
 */
const userDataDir = process.env.SIGHTLINE_HARNESS_DATA ?? join(homedir(), '.sightline-harness')
mkdirSync(userDataDir, { recursive: true })
// The logger exists before the key service; it learns the key in use through this (as the app's does).
let knownSecrets: () => readonly string[] = () => []
const logger = createPinoLogger({ level: process.env.SIGHTLINE_LOG_LEVEL ?? 'info', knownSecrets: () => knownSecrets() })
const harness = await startHarness({
  userDataDir,
  logger,
  secrets: process.env.SIGHTLINE_HARNESS_SECRETS === 'keychain' ? 'keychain' : 'memory',
  port: process.env.SIGHTLINE_HARNESS_PORT ? Number(process.env.SIGHTLINE_HARNESS_PORT) : undefined,
})
knownSecrets = () => harness.services.keys.knownSecrets()
console.log(
  `Sightline harness (loopback only). Open this URL; its #token part is this run's key to the bridge and never leaves the browser (no cookie):\n  ${harness.url}`,
)
console.log(`Settings: ${userDataDir}. Live endpoint: ${process.env.GOOGLE_GEMINI_BASE_URL ?? 'Google (GOOGLE_GEMINI_BASE_URL unset)'}. Ctrl+C stops.`)
const stop = () => void harness.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
