import type { LiveModel } from '../../../../shared/modelCatalogue'
import type { FunctionBehavior } from './toolTypes'

/**
 * How `model` runs function calls, from its profile's `functionBehavior` (docs/protocol.md §0.1).
 * A profile without the field counts as `blocking-only`: no `behavior` is declared, which every
 * Live model accepts.
 */
export function functionBehaviorOf(model: LiveModel): FunctionBehavior {
  return (model as { functionBehavior?: FunctionBehavior }).functionBehavior ?? 'blocking-only'
}
