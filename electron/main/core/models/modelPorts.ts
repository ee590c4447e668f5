/**
 * The ports model discovery needs. `ModelLister` is `models.list()` of the Gemini API
 * (@google/genai in production: electron/main/platform/genaiModelLister.ts); `ModelListCache`
 * keeps the last good list between runs (a JSON file in the user-data folder in production).
 */

/**
 * One entry of `models.list()` as the SDK hands it over (`Model`: `name` is `models/<id>`,
 * `supportedActions` is the REST `supportedGenerationMethods`, docs/protocol.md §0.1). Typed
 * `unknown` field by field because it comes from the network: core checks every entry.
 */
export interface ListedModelEntry {
  name?: unknown
  displayName?: unknown
  supportedActions?: unknown
}

/** Lists the models a key can use. Rejects on any failure (network, HTTP status, a body the SDK cannot read). */
export interface ModelLister {
  list(apiKey: string): Promise<readonly ListedModelEntry[]>
}

/** A Live model as discovery keeps it: the id without `models/`, and the name Google gives it. */
export interface DiscoveredModel {
  id: string
  displayName: string
}

/** What is cached: the Live models of the last good listing and when it was fetched (ms since the epoch). */
export interface CachedModelList {
  fetchedAt: number
  models: DiscoveredModel[]
}

/** Keeps the last good list between runs. `load` resolves null when nothing usable is stored. */
export interface ModelListCache {
  load(): Promise<unknown>
  save(list: CachedModelList): Promise<void>
}
