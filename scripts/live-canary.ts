/**
 * `npm run test:live`: a small conversation against the real Gemini Live service (a typed
 * question, a spoken answer with its transcript, one tool call, one resume, and a rule probe)
 * for every built-in model profile and every Live model `models.list()` shows. A built-in model
 * the list no longer shows fails loudly. Needs GEMINI_API_KEY; without it every model is reported
 * skipped and the run passes. GOOGLE_GEMINI_BASE_URL points it at another endpoint (the fake Live
 * server, `npm run fake-live`). LIVE_CANARY_STEP_MS bounds each step (default 60 s).
 * The last line is always `N passed, N failed, N skipped`; the exit code is 1 when any failed.
 */
import { liveModelsIn } from '../electron/main/core/models/modelDiscovery'
import { GenaiLiveTransport } from '../electron/main/platform/genaiLiveTransport'
import { GenaiModelLister } from '../electron/main/platform/genaiModelLister'
import { silentLogger } from '../electron/main/platform/pinoLogger'
import { describeModel, isRetiredModel, MODELS } from '../shared/modelCatalogue'
import { runCanaryConversation, type CanaryResult } from './liveCanary/canaryConversation'

const apiKey = process.env.GEMINI_API_KEY?.trim()
const stepTimeoutMs = Number(process.env.LIVE_CANARY_STEP_MS) > 0 ? Number(process.env.LIVE_CANARY_STEP_MS) : 60_000
const say = (line: string) => console.log(apiKey ? line.split(apiKey).join('[redacted-key]') : line)

if (!apiKey) {
  say('live canary skipped: GEMINI_API_KEY is not set, so no model was tried against the service.')
  for (const model of MODELS) say(`- skipped ${model.id}`)
  say(`0 passed, 0 failed, ${MODELS.length} skipped`)
  process.exit(0)
}

say(`live canary against ${process.env.GOOGLE_GEMINI_BASE_URL ?? 'Google (GOOGLE_GEMINI_BASE_URL unset)'}`)
const results: CanaryResult[] = []
let listed: string[] = []
try {
  listed = liveModelsIn(await new GenaiModelLister().list(apiKey), silentLogger).map((m) => m.id)
  say(`models.list shows ${listed.length} Live models: ${listed.join(', ')}`)
} catch (error) {
  results.push({ model: 'models.list', status: 'failed', step: 'list models', reason: error instanceof Error ? error.message : String(error) })
}

const builtIn = MODELS.map((m) => m.id)
for (const id of builtIn) {
  if (listed.length && !listed.includes(id)) results.push({ model: id, status: 'failed', step: 'models.list', reason: 'the model disappeared from models.list: retire it in shared/modelCatalogue.ts' })
}
const toTry = [...builtIn.filter((id) => !listed.length || listed.includes(id)), ...listed.filter((id) => !builtIn.includes(id) && !isRetiredModel(id))]
const transport = new GenaiLiveTransport()
for (const id of toTry) {
  const result = await runCanaryConversation({ transport, apiKey, model: describeModel(id), logger: silentLogger, stepTimeoutMs })
  results.push(result)
  say(result.status === 'passed' ? `✓ ${id}: typed question, spoken answer with transcript, tool call, resume, AUDIO-only rule` : `✗ ${id}: ${result.step}: ${result.reason}`)
}
for (const r of results) if (r.status === 'failed' && !toTry.includes(r.model)) say(`✗ ${r.model}: ${r.step}: ${r.reason}`)
// On GitHub Actions each failure also becomes an error annotation on the run, so it cannot go unseen.
if (process.env.GITHUB_ACTIONS === 'true') {
  for (const r of results) if (r.status === 'failed') say(`::error title=Live canary: ${r.model}::${r.step}: ${r.reason.replace(/\r?\n/g, ' ')}`)
}

const failed = results.filter((r) => r.status === 'failed').length
const passed = results.filter((r) => r.status === 'passed').length
say(`${passed} passed, ${failed} failed, 0 skipped`)
process.exit(failed ? 1 : 0)
