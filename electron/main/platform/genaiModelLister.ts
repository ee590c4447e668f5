import { GoogleGenAI } from '@google/genai'
import type { ListedModelEntry, ModelLister } from '../core/models/modelPorts'
import { redactSecrets } from '../core/redact'

/** Where to reach the Gemini API (`http://127.0.0.1:PORT` for the fake server; unset: the SDK's own resolution). */
export interface GenaiModelListerOptions {
  baseUrl?: string
  /** Bounds a listing that never ends (a server that repeats its page token). */
  maxEntries?: number
}

/**
 * `models.list()` through @google/genai (Node build): `GET /v1beta/models` page by page. The SDK
 * maps each REST `Model` (`supportedGenerationMethods`) to its `Model` type (`supportedActions`),
 * dist/node/index.mjs `modelFromMldev`. Failures reject with the key redacted from the message.
 */
export class GenaiModelLister implements ModelLister {
  constructor(private readonly options: GenaiModelListerOptions = {}) {}

  async list(apiKey: string): Promise<readonly ListedModelEntry[]> {
    const ai = new GoogleGenAI({ apiKey, httpOptions: { apiVersion: 'v1beta', ...(this.options.baseUrl && { baseUrl: this.options.baseUrl }) } })
    const max = this.options.maxEntries ?? 2_000
    const entries: ListedModelEntry[] = []
    try {
      const pager = await ai.models.list({ config: { pageSize: 100 } })
      for await (const model of pager) {
        entries.push(model)
        if (entries.length >= max) break
      }
    } catch (error) {
      throw new Error(redactSecrets(error instanceof Error ? error.message : String(error), [apiKey]), { cause: error })
    }
    return entries
  }
}
