import type { Notice } from '../../../../shared/ipcContract'
import type { LiveModel } from '../../../../shared/modelCatalogue'
import { MODEL_ID, type ModelDiscovery } from './modelDiscovery'

/** A move off a model that is gone: which model, to which, and the notice the user is shown. */
export interface ModelReplacement {
  from: string
  to: LiveModel
  notes: Notice[]
}

/**
 * The move for a saved model that is retired or no longer listed (issue 12 "retirement without a
 * dead end"), or null when the model is offered, or when nothing better is known (only the
 * built-in list, or the recommended model is the one that is gone).
 */
export function replacementForSaved(modelId: string, discovery: ModelDiscovery): ModelReplacement | null {
  if (discovery.isOffered(modelId) !== false) return null
  return replacementFor(modelId, discovery)
}

/** The move for a model the server refused as unknown, or null when the recommended model is the refused one. */
export function replacementFor(modelId: string, discovery: ModelDiscovery): ModelReplacement | null {
  const to = discovery.recommended()
  if (to.id === modelId) return null
  return { from: modelId, to, notes: [retirementNote(modelId, to)] }
}

/** Which model was replaced by which, as a notice: a retired model, or a name that is no Live model at all. */
export function retirementNote(from: string, to: LiveModel): Notice {
  const isModelId = MODEL_ID.test(from) && !from.includes('..')
  return { code: isModelId ? 'MODEL_RETIRED' : 'MODEL_NAME_UNKNOWN', params: { from, to: to.id, label: to.label } }
}
