import { describeModel, isRetiredModel, MODELS, RECOMMENDED_MODEL_ID, type LiveModel } from '../../../../shared/modelCatalogue'
import type { Clock, Logger, TimerHandle } from '../ports'
import type { CachedModelList, DiscoveredModel, ListedModelEntry, ModelListCache, ModelLister } from './modelPorts'

/** Where the model menu came from: `models.list()` now, the list cached from an earlier run, or the built-in profiles. */
export type ModelListSource = 'api' | 'cache' | 'built-in'

/** The models Sightline offers, and where that list came from. */
export interface ModelMenu {
  source: ModelListSource
  /** When the list was fetched from the API (ms since the epoch); null for the built-in list. */
  fetchedAt: number | null
  models: readonly LiveModel[]
}

/** The Live action in `supportedActions` (REST `supportedGenerationMethods`, docs/protocol.md §0.1). */
const LIVE_ACTION = 'bidiGenerateContent'
const MODEL_NAME = /^models\/([A-Za-z0-9][A-Za-z0-9._-]{0,199})$/
/** What a Live model id looks like (the part after `models/`); anything else cannot be dialled (the SDK's tModel throws on `..`, `?`, `&`). */
export const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/
const DEFAULT_TIMEOUT_MS = 10_000

/** Raised for a listing that cannot be used; its message is what the log says. */
export class ModelListError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ModelListError'
  }
}

/**
 * Builds the model menu from the API (issue 12): `models.list()` entries whose `supportedActions`
 * include `bidiGenerateContent`, each matched to its family's profile (a new id gets the
 * conservative one). Fetched at start and when the key changes; a good list is cached. When the
 * list cannot be fetched, is malformed or holds no Live model, the refusal is logged once per
 * attempt and the cache is used, then the built-in profiles; nothing retries in a loop (the next
 * attempt is the next start or key change). Retired ids are never offered even if still listed.
 */
export class ModelDiscovery {
  private current: ModelMenu = { source: 'built-in', fetchedAt: null, models: MODELS }
  private readonly listeners = new Set<(menu: ModelMenu) => void>()
  private inFlight: { key: string; done: Promise<ModelMenu> } | null = null
  private isCacheRead = false

  constructor(
    private readonly deps: { lister?: ModelLister; cache?: ModelListCache; logger: Logger; clock: Clock; timeoutMs?: number },
  ) {}

  /** The menu as it stands. */
  get menu(): ModelMenu {
    return this.current
  }

  /** Calls `listener` with each new menu; returns the function that stops it. */
  onChange(listener: (menu: ModelMenu) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Lists the models with this key (one request at a time per key); without a key, or when the
   * listing fails, falls back to the cache, then to the built-in profiles. Never rejects.
   */
  refresh(apiKey: string | null): Promise<ModelMenu> {
    if (!apiKey || !this.deps.lister) return this.fallBack(apiKey ? 'no model lister' : null)
    if (this.inFlight?.key === apiKey) return this.inFlight.done
    const done = this.fetch(apiKey).finally(() => {
      if (this.inFlight?.done === done) this.inFlight = null
    })
    this.inFlight = { key: apiKey, done }
    return done
  }

  /** The model to use for an id: the listed entry (with Google's name for it), else its family profile. */
  resolve(id: string): LiveModel {
    return this.current.models.find((m) => m.id === id) ?? describeModel(id)
  }

  /**
   * Whether the model is offered: false for a retired id or one a fetched (or cached) list does
   * not show, true when it shows it, null when only the built-in list is known (no way to tell).
   */
  isOffered(id: string): boolean | null {
    if (isRetiredModel(id) || !MODEL_ID.test(id) || id.includes('..')) return false
    if (this.current.source === 'built-in') return MODELS.some((m) => m.id === id) ? true : null
    return this.current.models.some((m) => m.id === id)
  }

  /** Where a user whose model is gone is moved: the recommended model while it is offered, else the first offered one. */
  recommended(): LiveModel {
    if (this.isOffered(RECOMMENDED_MODEL_ID) !== false) return this.resolve(RECOMMENDED_MODEL_ID)
    return this.current.models[0] ?? describeModel(RECOMMENDED_MODEL_ID)
  }

  private async fetch(apiKey: string): Promise<ModelMenu> {
    let entries: readonly ListedModelEntry[]
    try {
      entries = await this.withTimeout(this.deps.lister!.list(apiKey))
    } catch (error) {
      return this.fallBack(`models.list failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    let models: DiscoveredModel[]
    try {
      models = liveModelsIn(entries, this.deps.logger)
    } catch (error) {
      return this.fallBack(error instanceof Error ? error.message : String(error))
    }
    const list: CachedModelList = { fetchedAt: this.deps.clock.now(), models }
    try {
      await this.deps.cache?.save(list)
    } catch (error) {
      this.deps.logger.warn('could not cache the model list', { error })
    }
    return this.publish({ source: 'api', fetchedAt: list.fetchedAt, models: toMenu(models) })
  }

  /** The cache (read once per run), else the built-in list; `why` is logged as the refusal, when there was one. */
  private async fallBack(why: string | null): Promise<ModelMenu> {
    if (why) this.deps.logger.warn('model list refused; using the cached or built-in models', { reason: why })
    if (this.current.source !== 'built-in' || this.isCacheRead || !this.deps.cache) return this.current
    this.isCacheRead = true
    let raw: unknown = null
    try {
      raw = await this.deps.cache.load()
    } catch (error) {
      this.deps.logger.warn('could not read the cached model list', { error })
    }
    const cached = parseCache(raw)
    if (raw !== null && !cached) this.deps.logger.warn('cached model list is malformed; ignored')
    if (!cached || this.current.source !== 'built-in') return this.current
    return this.publish({ source: 'cache', fetchedAt: cached.fetchedAt, models: toMenu(cached.models) })
  }

  private publish(menu: ModelMenu): ModelMenu {
    this.current = menu
    for (const listener of this.listeners) {
      try {
        listener(menu)
      } catch (error) {
        this.deps.logger.error('model menu listener failed', { error })
      }
    }
    return menu
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
    let timer: TimerHandle | null = null
    const deadline = new Promise<never>((_, reject) => {
      timer = this.deps.clock.setTimeout(() => reject(new ModelListError(`no answer within ${ms} ms`)), ms)
    })
    return Promise.race([promise, deadline]).finally(() => {
      if (timer) this.deps.clock.clearTimeout(timer)
    })
  }
}

/**
 * The Live models in a `models.list()` result: entries with `bidiGenerateContent` among their
 * `supportedActions`. A malformed entry is skipped and counted in the log; a result that is not a
 * list, or that holds no usable Live model, throws a {@link ModelListError}.
 */
export function liveModelsIn(entries: unknown, logger: Logger): DiscoveredModel[] {
  if (!Array.isArray(entries)) throw new ModelListError('models.list did not return a list')
  const models: DiscoveredModel[] = []
  let malformed = 0
  for (const entry of entries as unknown[]) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as ListedModelEntry
    const name = typeof e.name === 'string' ? MODEL_NAME.exec(e.name) : null
    const actions = Array.isArray(e.supportedActions) && e.supportedActions.every((a) => typeof a === 'string') ? (e.supportedActions as string[]) : null
    if (!name || !actions) {
      malformed++
      continue
    }
    if (!actions.includes(LIVE_ACTION) || models.some((m) => m.id === name[1])) continue
    const displayName = typeof e.displayName === 'string' && e.displayName.trim() ? e.displayName.trim().slice(0, 100) : name[1]!
    models.push({ id: name[1]!, displayName })
  }
  if (malformed) logger.warn('models.list entries refused as malformed', { malformed, of: entries.length })
  if (models.length === 0) throw new ModelListError(`models.list held no Live model (${entries.length} entries, ${malformed} malformed)`)
  return models
}

function parseCache(raw: unknown): CachedModelList | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { fetchedAt, models } = raw as { fetchedAt?: unknown; models?: unknown }
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt) || !Array.isArray(models) || models.length === 0 || models.length > 200) return null
  const ok = models.every(
    (m: unknown) =>
      typeof m === 'object' && m !== null && typeof (m as DiscoveredModel).id === 'string' && MODEL_NAME.test(`models/${(m as DiscoveredModel).id}`) &&
      typeof (m as DiscoveredModel).displayName === 'string' && (m as DiscoveredModel).displayName.length <= 100,
  )
  return ok ? { fetchedAt, models: models as DiscoveredModel[] } : null
}

/** The menu for discovered models: retired ids left out, the built-in models first in their order (recommended first), new ones after. */
function toMenu(found: readonly DiscoveredModel[]): LiveModel[] {
  const offered = found.filter((m) => !isRetiredModel(m.id))
  const rank = (id: string) => {
    const i = MODELS.findIndex((m) => m.id === id)
    return i === -1 ? MODELS.length : i
  }
  return [...offered]
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
    .map((m) => describeModel(m.id, MODELS.some((b) => b.id === m.id) ? undefined : m.displayName))
}
