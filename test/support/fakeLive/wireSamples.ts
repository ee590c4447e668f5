import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One thing the server does in a replayed sample. */
export type ReplayStep = { kind: 'message'; message: Record<string, unknown> } | { kind: 'close'; code: number; reason: string }

/**
 * A wire sample from `../shared/reference/wire-samples/` turned into what the fake server plays:
 * the `setupComplete` it answers with, the setup refusals it tries (u04), and the server's
 * messages grouped into turns (one group per sequence in the file; u09's two cases are two turns).
 */
export interface WireSample {
  /** File name without `.json`, e.g. `u05-generationComplete-then-turnComplete-after-playback.reconstructed`. */
  name: string
  /** The `u05`-style id the README catalogues it under. */
  id: string
  isReconstructed: boolean
  /** The response modality of the sample's own client setup, when it shows one. */
  modality: 'AUDIO' | 'TEXT' | null
  setupComplete: Record<string, unknown> | null
  refusals: { code: number; reason: string }[]
  turns: ReplayStep[][]
}

const SERVER_KEYS = new Set(['setupComplete', 'serverContent', 'toolCall', 'toolCallCancellation', 'usageMetadata', 'goAway', 'sessionResumptionUpdate', 'voiceActivityDetectionSignal', 'voiceActivity'])
/** 20 ms of 24 kHz silence, standing in for `<audio>` placeholders and shortened payloads. */
const PLACEHOLDER_AUDIO = Buffer.alloc(960).toString('base64')

/**
 * Where the samples are: `<repo>/../shared/reference/wire-samples` (CI puts shared/ beside its
 * clone); from a git worktree, beside the main checkout. SIGHTLINE_WIRE_SAMPLES overrides both.
 * Throws when none exists, so a missing folder fails the replay instead of passing it empty.
 */
export function wireSamplesDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
  const candidates = [process.env.SIGHTLINE_WIRE_SAMPLES, join(repo, '../shared/reference/wire-samples'), mainCheckoutSamples(repo)]
  const found = candidates.find((dir): dir is string => typeof dir === 'string' && existsSync(dir))
  if (!found) throw new Error(`wire samples not found; looked in ${candidates.filter(Boolean).join(', ')}`)
  return found
}

/** Every `*.json` sample in the folder, parsed; throws on a file that holds nothing to play. */
export function loadWireSamples(dir = wireSamplesDir()): WireSample[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => parseWireSample(file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown))
}

/** Reads one sample's JSON, whatever of the catalogue's shapes it has (see the README's grades). */
export function parseWireSample(name: string, json: unknown): WireSample {
  const sample: WireSample = { name, id: name.split('-')[0]!, isReconstructed: name.includes('.reconstructed'), modality: null, setupComplete: null, refusals: [], turns: [] }
  const isRefusalMatrix = Array.isArray(json) && json.length > 0 && json.every((e) => isClose(e) && 'count' in (e as object))
  if (isRefusalMatrix) {
    sample.refusals = (json as { code: number; reason: string }[]).map(({ code, reason }) => ({ code, reason }))
    return sample
  }
  const sequences = isRecord(json) && !isEntry(json) && Object.values(json).some(Array.isArray) ? Object.values(json).filter(Array.isArray) : [json]
  for (const sequence of sequences) {
    const steps: ReplayStep[] = []
    collect(sequence, steps, sample)
    if (steps.length > 0) sample.turns.push(steps)
  }
  if (isRecord(json) && !isEntry(json)) {
    // u14: stand-alone messages kept under a name of their own are a turn each.
    for (const value of Object.values(json)) if (isRecord(value) && isServerMessage(value)) sample.turns.unshift([{ kind: 'message', message: withPlaceholders(value) }])
  }
  if (sample.turns.length === 0 && sample.setupComplete === null) throw new Error(`wire sample ${name}: nothing to replay`)
  return sample
}

function collect(value: unknown, steps: ReplayStep[], sample: WireSample): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, steps, sample)
    return
  }
  if (!isRecord(value)) return
  if (isServerMessage(value)) return addMessage(value, steps, sample)
  if (isClose(value)) return void steps.push({ kind: 'close', code: value.code, reason: value.reason })
  if (isClose(value.close)) return void steps.push({ kind: 'close', code: value.close.code, reason: value.close.reason })
  const message = value.message
  if (!isRecord(message)) return
  if (value.dir === 'client->server') {
    const modalities = (message.setup as { generationConfig?: { responseModalities?: string[] } } | undefined)?.generationConfig?.responseModalities
    if (modalities?.[0] === 'TEXT' || modalities?.[0] === 'AUDIO') sample.modality = modalities[0]
    return
  }
  if (isServerMessage(message)) addMessage(message, steps, sample)
}

function addMessage(message: Record<string, unknown>, steps: ReplayStep[], sample: WireSample): void {
  if (isRecord(message.setupComplete)) {
    sample.setupComplete = message.setupComplete
    return
  }
  steps.push({ kind: 'message', message: withPlaceholders(message) })
}

/** Audio placeholders (`<audio>`) and shortened payloads (`AAAA...<12800 base64 chars>`) become playable base64. */
function withPlaceholders(message: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(message), (key, value: unknown) => {
    if (key !== 'data' || typeof value !== 'string' || !value.includes('<')) return value
    const kept = value.split('...')[0]!
    return kept && !kept.includes('<') ? kept : PLACEHOLDER_AUDIO
  }) as Record<string, unknown>
}

function mainCheckoutSamples(repo: string): string | undefined {
  const dotGit = join(repo, '.git')
  if (!existsSync(dotGit) || !statSync(dotGit).isFile()) return undefined
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))
  // A worktree's .git file points at <main>/.git/worktrees/<name>.
  return pointer ? join(resolve(repo, pointer[1]!.trim()), '../../../../shared/reference/wire-samples') : undefined
}

/** Every key is a `LiveServerMessage` field (live-protocol.md §4.2). */
function isServerMessage(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => SERVER_KEYS.has(k))
}

function isClose(value: unknown): value is { code: number; reason: string } {
  return isRecord(value) && typeof value.code === 'number' && typeof value.reason === 'string'
}

function isEntry(value: Record<string, unknown>): boolean {
  return 'message' in value || 'close' in value || isServerMessage(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
