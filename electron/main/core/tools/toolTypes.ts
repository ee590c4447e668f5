import type { z } from 'zod'
import type { Clock, DesktopActions } from '../ports'

/** What a tool run gets besides its arguments. */
export interface ToolContext {
  /** Aborted when the server cancels the call (`toolCallCancellation`) or the session ends. */
  signal: AbortSignal
}

/** One local tool: a declaration for `setup.tools` and a handler with validated arguments. */
export interface ToolDefinition<A = unknown> {
  name: string
  description: string
  parameters: z.ZodType<A>
  behavior?: 'BLOCKING' | 'NON_BLOCKING'
  run(args: A, context: ToolContext): Promise<unknown>
}

/** A tool run's result as data: `output` on success, `error` (words for the model) otherwise. */
export type ToolOutcome = { ok: true; output: unknown } | { ok: false; error: string }

/** Raised by a tool for an expected refusal (bad argument, user said no); the message goes to the model. */
export class ToolError extends Error {
  readonly code = 'TOOL_REFUSED'
}

/** What the built-in tools need from the outside. */
export interface ToolRegistryDeps {
  desktop: DesktopActions
  /** Asks the user; resolves true when they agreed. */
  confirm(request: { title: string; detail: string }): Promise<boolean>
  clock: Clock
}
