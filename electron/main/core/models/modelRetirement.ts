import type { LiveModel } from '../../../../shared/modelCatalogue'
import { MODEL_ID, type ModelDiscovery } from './modelDiscovery'

/** A move off a model that is gone: which model, to which, and the words the user is shown. */
export interface ModelReplacement {
  from: string
  to: LiveModel
  note: string
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
  return { from: modelId, to, note: retirementNote(modelId, to) }
}

/** Which model was replaced by which, in plain words. */
export function retirementNote(from: string, to: LiveModel): string {
  const why = MODEL_ID.test(from) && !from.includes('..') ? `The model ${from} is no longer available from Google` : `"${from}" is not the name of a Live model`
  return `${why}, so Sightline switched to ${to.label} (${to.id}).`
}
