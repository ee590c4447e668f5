import type { z } from 'zod'
import type { Clock, DesktopActions } from '../ports'
import type { ToolQuestion } from '../../../../shared/ipcContract'
import { CodedError } from '../../../../shared/codedError'

/** What a tool run gets besides its arguments. */
export interface ToolContext {
  /** Aborted when the server cancels the call (`toolCallCancellation`) or the session ends. */
  signal: AbortSignal
  /**
   * Sends part of the result now, with `willContinue: true`; the run's return value is the last
   * part. Only a NON_BLOCKING call can be answered in parts (docs/protocol.md §0.1, §3.4); on a
   * BLOCKING call the parts are not sent and the return value must carry the whole result.
   */
  sendPart(output: unknown): void
}

/**
 * When the model should take a NON_BLOCKING result (`FunctionResponse.scheduling`,
 * docs/protocol.md §0.1): `INTERRUPT` speak it now (the user is waiting for it), `WHEN_IDLE`
 * after the current answer (it can wait), `SILENT` take it in and say nothing (a side effect).
 */
export type ToolScheduling = 'INTERRUPT' | 'WHEN_IDLE' | 'SILENT'

/** How a model runs function calls: one value of its profile (shared/modelCatalogue.ts, docs/protocol.md §0.1). */
export type { FunctionBehavior } from '../../../../shared/modelCatalogue'

/** One local tool: a declaration for `setup.tools` and a handler with validated arguments. */
export interface ToolDefinition<A = unknown> {
  name: string
  description: string
  parameters: z.ZodType<A>
  /** Where the model lets us choose: BLOCKING keeps the model waiting for the result; default NON_BLOCKING. */
  behavior?: 'BLOCKING' | 'NON_BLOCKING'
  /** How a NON_BLOCKING result is taken; default `WHEN_IDLE`. */
  scheduling?: ToolScheduling
  run(args: A, context: ToolContext): Promise<unknown>
}

/** A tool run's result as data: `output` on success, `error` (words for the model) otherwise. */
export type ToolOutcome = { ok: true; output: unknown } | { ok: false; error: string }

/** Raised by a tool for an expected refusal (bad argument, user said no); the message goes to the model. */
export class ToolError extends CodedError<'TOOL_REFUSED'> {
  constructor(message: string) {
    super('TOOL_REFUSED', message)
  }
}

/** What the built-in tools need from the outside. */
export interface ToolRegistryDeps {
  desktop: DesktopActions
  /** Asks the user; resolves true when they agreed (false on no, timeout, or `signal` aborting). */
  confirm(question: ToolQuestion, signal?: AbortSignal): Promise<boolean>
  clock: Clock
}
