import type { Usage } from '../../../../../shared/ipcContract'
import type { ModalityTokenCount, UsageMetadata } from '../liveTypes'

type TurnReport = Pick<Usage, 'promptTokens' | 'responseTokens' | 'totalTokens' | 'byModality'>

/**
 * Running token totals for the session. `usageMetadata` can come several times in one turn
 * (stand-alone reports, then one on `turnComplete`; wire sample u14, docs/protocol.md §4.2): within
 * a turn a later report replaces the earlier one, and at each turn end the turn's last report is
 * added to the totals. Counts arrive as JSON numbers (r02), but int64 fields may be strings in
 * proto3 JSON (f03), so a numeric string is converted and anything else ignored.
 * `byModality` keys are `prompt:<MODALITY>` and `response:<MODALITY>` (e.g. `prompt:AUDIO`).
 * Image token figures come from the frame pipeline through {@link addImageTokens}.
 */
export class UsageMeter {
  private usage: Usage = emptyUsage()
  private turn: TurnReport | null = null

  /** A report for the turn in progress; replaces the turn's earlier report. Returns the running totals. */
  report(metadata: UsageMetadata): Usage {
    const prompt = tokenCount(metadata.promptTokenCount)
    const response = tokenCount(metadata.responseTokenCount)
    const byModality: Record<string, number> = {}
    addDetails(byModality, 'prompt', metadata.promptTokensDetails)
    addDetails(byModality, 'response', metadata.responseTokensDetails)
    this.turn = { promptTokens: prompt, responseTokens: response, totalTokens: tokenCount(metadata.totalTokenCount) || prompt + response, byModality }
    return this.snapshot()
  }

  /** The turn ended: its last report joins the totals, and the next report starts a new turn. */
  endTurn(): void {
    const turn = this.turn
    if (!turn) return
    this.turn = null
    this.usage = withTurn(this.usage, turn)
  }

  /** Image tokens spent on frames actually sent, and what sending every captured frame would have cost. */
  addImageTokens(spent: number, ifEveryFrame: number): Usage {
    this.usage.imageTokensSpent += spent
    this.usage.imageTokensIfEveryFrame += ifEveryFrame
    return this.snapshot()
  }

  /** The totals so far, the turn in progress included. */
  snapshot(): Usage {
    const usage = this.turn ? withTurn(this.usage, this.turn) : this.usage
    return { ...usage, byModality: { ...usage.byModality } }
  }

  reset(): void {
    this.usage = emptyUsage()
    this.turn = null
  }
}

/**
 * A token count as the wire may carry it: a non-negative number, or a string of digits (int64
 * in proto3 JSON). Anything else (`"<n>"`, a negative, NaN) counts as 0, never as text.
 */
export function tokenCount(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim())
  return 0
}

function emptyUsage(): Usage {
  return { promptTokens: 0, responseTokens: 0, totalTokens: 0, byModality: {}, imageTokensSpent: 0, imageTokensIfEveryFrame: 0 }
}

function withTurn(usage: Usage, turn: TurnReport): Usage {
  const byModality = { ...usage.byModality }
  for (const [key, count] of Object.entries(turn.byModality)) byModality[key] = (byModality[key] ?? 0) + count
  return {
    ...usage,
    promptTokens: usage.promptTokens + turn.promptTokens,
    responseTokens: usage.responseTokens + turn.responseTokens,
    totalTokens: usage.totalTokens + turn.totalTokens,
    byModality,
  }
}

function addDetails(into: Record<string, number>, side: string, details: ModalityTokenCount[] | undefined): void {
  if (!Array.isArray(details)) return
  for (const d of details) {
    if (typeof d?.modality !== 'string' || !d.modality) continue
    const key = `${side}:${d.modality}`
    into[key] = (into[key] ?? 0) + tokenCount(d.tokenCount)
  }
}
