import type { Settings } from '../../../../shared/settings'
import { redactFields, redactSecrets } from '../redact'
import type { CloseRecord, TimingRecord } from './liveRecorder'

/** Versions of everything a report reader needs to reproduce a problem. */
export interface VersionInfo {
  app: string
  electron: string | null
  chromium: string | null
  node: string
  os: string
  sdk: string
}

/** One file in the diagnostics zip. */
export interface DiagnosticsEntry {
  name: string
  data: string | Uint8Array
}

/** What a report is built from; every source is read at the moment the user asks. */
export interface DiagnosticsSources {
  /** The last lines of the app's log, oldest first. */
  logLines(count: number): Promise<string[]>
  versions(): VersionInfo
  settings(): Settings
  /** The models Sightline offers, by id. */
  models(): readonly { id: string; label?: string }[]
  closes(): readonly CloseRecord[]
  timings(): TimingRecord
  /** Session state and managed mode, in a few words each. */
  state(): Record<string, string | number | boolean | null>
  /** Minidumps kept by the crash reporter (only read when the user agreed to include them). */
  crashDumps(): Promise<{ name: string; data: Uint8Array }[]>
  /** Secrets in use right now (API key, access code) to mask wherever they appear. */
  secrets(): readonly string[]
}

/** How many log lines go into the zip. */
export const LOG_LINES = 2_000

/** Anything that looks like a Google API key or an ephemeral token, for the final check. */
const SECRET_SHAPES = [/AIza[0-9A-Za-z_-]{20,}/, /auth_tokens\/(?!\[redacted\])[\w-]+/]

/** Masks every known secret and every key- or token-shaped string in a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets)
}

/**
 * Throws when a text still holds a secret (a known one, or anything key- or token-shaped):
 * the last line of defence before a report leaves the app.
 */
export function assertNoSecrets(name: string, text: string, secrets: readonly string[]): void {
  const known = secrets.filter((s) => s.length >= 6).find((s) => text.includes(s))
  const shaped = SECRET_SHAPES.find((shape) => shape.test(text))
  if (known || shaped) throw new Error(`diagnostics: ${name} still holds a secret after redaction`)
}

/**
 * Builds the diagnostics zip's files: `log.txt` (last 2,000 lines), `versions.json`,
 * `settings.json`, `models.json`, `closes.json` (recent close codes and reasons),
 * `timings.json` (connect and answer probes), `state.json`, and `crash/*.dmp` only when
 * `includeCrashDumps`. Every text is scrubbed and then checked for secrets.
 */
export async function buildDiagnostics(sources: DiagnosticsSources, options: { includeCrashDumps: boolean }): Promise<DiagnosticsEntry[]> {
  const secrets = sources.secrets()
  const json = (value: unknown) => `${JSON.stringify(redactFields(value, secrets), null, 2)}\n`
  const texts: DiagnosticsEntry[] = [
    { name: 'log.txt', data: (await sources.logLines(LOG_LINES)).map((line) => scrub(line, secrets)).join('\n') },
    { name: 'versions.json', data: json(sources.versions()) },
    { name: 'settings.json', data: json(sources.settings()) },
    { name: 'models.json', data: json(sources.models()) },
    { name: 'closes.json', data: json(sources.closes()) },
    { name: 'timings.json', data: json(sources.timings()) },
    { name: 'state.json', data: json(sources.state()) },
  ]
  for (const entry of texts) assertNoSecrets(entry.name, entry.data as string, secrets)
  const dumps = options.includeCrashDumps ? await sources.crashDumps() : []
  return [...texts, ...dumps.map((dump) => ({ name: `crash/${dump.name.replace(/[^\w.-]/g, '_')}`, data: dump.data }))]
}

/** The short text "Copy diagnostics summary" puts on the clipboard; scrubbed and checked like the zip. */
export function diagnosticsSummary(sources: DiagnosticsSources): string {
  const secrets = sources.secrets()
  const v = sources.versions()
  const settings = sources.settings()
  const timings = sources.timings()
  const connects = timings.connects.filter((c) => c.isOk).map((c) => c.ms)
  const firsts = timings.replies.map((r) => r.firstContentMs).filter((ms): ms is number => ms !== null)
  const state = Object.entries(sources.state()).map(([k, value]) => `${k}=${value}`).join(', ')
  const lines = [
    `Sightline ${v.app} (Electron ${v.electron ?? '-'}, Chromium ${v.chromium ?? '-'}, Node ${v.node}, @google/genai ${v.sdk}) on ${v.os}`,
    `Model ${settings.model}, ${settings.responseModality}, ${settings.vad.mode}`,
    `State: ${state}`,
    `Connects: ${connects.length} ok of ${timings.connects.length}, median ${median(connects)} ms; first answer median ${median(firsts)} ms over ${firsts.length}`,
    'Recent closes:',
    ...sources.closes().slice(-5).map((c) => `  ${c.at} ${c.phase} ${c.code ?? '-'} ${c.reason}`),
  ]
  const text = scrub(lines.join('\n'), secrets)
  assertNoSecrets('summary', text, secrets)
  return text
}

function median(values: number[]): string {
  if (values.length === 0) return '-'
  const sorted = [...values].sort((a, b) => a - b)
  return String(sorted[Math.floor((sorted.length - 1) / 2)])
}
