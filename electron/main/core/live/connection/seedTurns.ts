import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Notice } from '../../../../../shared/ipcContract'
import { note } from '../statusNotes'
import type { ClientTurn } from '../liveTypes'

/** Appended as the last turn where a seed must end with the user (2.5 native audio): structure, not transcript text. */
export const SEED_CLOSING_USER_TURN = '(The connection was reset here. Continue the conversation from this point.)'

const QUOTE_CHARS = 80

/**
 * The earlier conversation as `clientContent` turns for a fresh session on this model, or null
 * when the model takes no history (issue 19 item 2: transcript text only ever travels as
 * structured turns with roles, never inside the system instruction). On models whose seed must
 * end with a user turn (2.5 native audio, docs/protocol.md §0.1 [user-reported]) a short closing
 * user turn is added after a model turn.
 */
export function seedTurns(history: readonly ClientTurn[], model: LiveModel): ClientTurn[] | null {
  if (history.length === 0 || model.historySeeding === 'none') return null
  const turns = history.map((t) => ({ role: t.role, parts: (t.parts ?? []).map((p) => ({ ...p })) }))
  if (model.seedEndsWithUserTurn && turns.at(-1)?.role !== 'user') turns.push({ role: 'user', parts: [{ text: SEED_CLOSING_USER_TURN }] })
  return turns
}

/**
 * What the user is shown when a fresh session carries the earlier conversation: "Continuing from
 * earlier: …" with the last thing each side said, on one line (newlines shown as ⏎) and
 * shortened, so what was restored is never hidden. A notice: the excerpts are its params, and the
 * catalogue puts them in its language's quotation marks.
 */
export function continuationNote(lines: readonly { role: 'user' | 'model'; text: string }[]): Notice[] | null {
  if (lines.length === 0) return null
  const lastOf = (role: 'user' | 'model') => [...lines].reverse().find((l) => l.role === role)?.text
  const userSaid = lastOf('user')
  const modelSaid = lastOf('model')
  const count = lines.length
  if (userSaid !== undefined && modelSaid !== undefined) return note('CONTINUING_EARLIER', { count, userSaid: excerpt(userSaid), modelSaid: excerpt(modelSaid) })
  if (userSaid !== undefined) return note('CONTINUING_EARLIER_USER', { count, userSaid: excerpt(userSaid) })
  return note('CONTINUING_EARLIER_MODEL', { count, modelSaid: excerpt(modelSaid ?? '') })
}

function excerpt(text: string): string {
  const flat = text.trim().replace(/\r\n|\r|\n/g, ' ⏎ ')
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat
}
