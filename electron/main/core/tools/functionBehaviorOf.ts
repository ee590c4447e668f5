import type { LiveModel } from '../../../../shared/modelCatalogue'
import type { FunctionBehavior } from './toolTypes'

/**
 * How `model` runs function calls, from its profile's `functionBehavior` (docs/protocol.md §0.1;
 * a model of no known family gets the conservative profile's `blocking-only`).
 */
export function functionBehaviorOf(model: LiveModel): FunctionBehavior {
  return model.functionBehavior
}
