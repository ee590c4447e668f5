import type { IncomingMessage, ServerResponse } from 'node:http'
import { NON_LIVE_MODELS, restModel, type FakeModel } from './fakeModels'

/**
 * How `GET /v1beta/models` answers: the listing (paged, `pageSize` entries a page; `extraLive`
 * adds Live models the WebSocket side does not serve, as a list that runs ahead of the service
 * would), an HTTP error, a body that is not the REST shape, or no answer at all.
 */
export type ModelsListBehaviour =
  | { kind: 'list'; pageSize?: number; extraLive?: readonly { id: string; displayName: string }[] }
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'malformed'; body: string }
  | { kind: 'hang' }

/** `…/v1beta/models`, `…/v1/models`, `…/v1alpha/models` (an optional path prefix, as the SDK keeps one). */
const MODELS_PATH = /^(?:\/[^?]*?)?\/+(v1alpha|v1beta|v1)\/models\/?(\?.*)?$/

/**
 * Answers the Gemini API's model listing as the real service shapes it (REST `ListModelsResponse`:
 * `models[]` with `name: "models/<id>"` and `supportedGenerationMethods`, which @google/genai 3.1.0
 * maps to `supportedActions` in `modelFromMldev`; `nextPageToken` while more pages remain).
 * Returns false when the request is not for the listing.
 */
export function serveModelsList(
  req: IncomingMessage,
  res: ServerResponse,
  context: { models: readonly FakeModel[]; behaviour?: ModelsListBehaviour; acceptKey: (key: string) => boolean; log: string[] },
): boolean {
  const match = MODELS_PATH.exec(req.url ?? '')
  if (req.method !== 'GET' || !match) return false
  const query = new URLSearchParams((match[2] ?? '').slice(1))
  context.log.push((req.url ?? '').replace(/([?&]key=)[^&]*/, '$1…'))
  const header = req.headers['x-goog-api-key']
  const key = query.get('key') ?? (typeof header === 'string' ? header : '')
  if (!key || !context.acceptKey(key)) return sendJson(res, 400, apiError(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT'))
  const behaviour = context.behaviour ?? { kind: 'list' }
  switch (behaviour.kind) {
    case 'hang':
      return true
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(behaviour.body)
      return true
    case 'status':
      return sendJson(res, behaviour.status, apiError(behaviour.status, behaviour.message ?? 'Internal error encountered.', behaviour.status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'))
    case 'list': {
      const all = [
        ...context.models.map((m) => restModel(m, ['bidiGenerateContent'])),
        ...(behaviour.extraLive ?? []).map((m) => restModel(m, ['bidiGenerateContent'])),
        ...NON_LIVE_MODELS.map((m) => restModel(m, m.methods)),
      ]
      // The page is the smaller of what the client asked for and what this fake hands out (2 by default, so paging is exercised).
      const pageSize = Math.max(1, Math.min(Number(query.get('pageSize')) || 50, behaviour.pageSize ?? 2))
      const offset = Number(query.get('pageToken') ? Buffer.from(query.get('pageToken')!, 'base64url').toString() : 0) || 0
      const page = all.slice(offset, offset + pageSize)
      const next = offset + pageSize < all.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : undefined
      return sendJson(res, 200, { models: page, ...(next && { nextPageToken: next }) })
    }
  }
}

function apiError(code: number, message: string, status: string) {
  return { error: { code, message, status } }
}

function sendJson(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(`${JSON.stringify(body, null, 2)}\n`)
  return true
}
