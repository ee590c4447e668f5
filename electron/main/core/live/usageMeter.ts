import type { Usage } from '../../../../shared/ipcContract'
import type { ModalityTokenCount, UsageMetadata } from './liveTypes'

/**
 * Running token totals for the session. Each `usageMetadata` counts one turn, so totals are
 * sums. `byModality` keys are `prompt:<MODALITY>` and `response:<MODALITY>` (e.g. `prompt:AUDIO`).
 * Image token figures come from the frame pipeline through {@link addImageTokens}.
 */
export class UsageMeter {
  private usage: Usage = emptyUsage()

  add(metadata: UsageMetadata): Usage {
    const u = this.usage
    u.promptTokens += metadata.promptTokenCount ?? 0
    u.responseTokens += metadata.responseTokenCount ?? 0
    u.totalTokens += metadata.totalTokenCount ?? (metadata.promptTokenCount ?? 0) + (metadata.responseTokenCount ?? 0)
    addDetails(u.byModality, 'prompt', metadata.promptTokensDetails)
    addDetails(u.byModality, 'response', metadata.responseTokensDetails)
    return this.snapshot()
  }

  /** Image tokens spent on frames actually sent, and what sending every captured frame would have cost. */
  addImageTokens(spent: number, ifEveryFrame: number): Usage {
    this.usage.imageTokensSpent += spent
    this.usage.imageTokensIfEveryFrame += ifEveryFrame
    return this.snapshot()
  }

  snapshot(): Usage {
    return { ...this.usage, byModality: { ...this.usage.byModality } }
  }

  reset(): void {
    this.usage = emptyUsage()
  }
}

function emptyUsage(): Usage {
  return { promptTokens: 0, responseTokens: 0, totalTokens: 0, byModality: {}, imageTokensSpent: 0, imageTokensIfEveryFrame: 0 }
}

function addDetails(into: Record<string, number>, side: string, details: ModalityTokenCount[] | undefined): void {
  for (const d of details ?? []) {
    if (!d.modality || typeof d.tokenCount !== 'number') continue
    const key = `${side}:${d.modality}`
    into[key] = (into[key] ?? 0) + d.tokenCount
  }
}
