import { z } from 'zod'
import type { FunctionDeclaration } from '../live/liveTypes'
import { builtinTools } from './builtinTools'
import { ToolError, type FunctionBehavior, type ToolDefinition, type ToolOutcome, type ToolRegistryDeps, type ToolScheduling } from './toolTypes'

export { ToolError, type FunctionBehavior, type ToolContext, type ToolDefinition, type ToolOutcome, type ToolRegistryDeps, type ToolScheduling } from './toolTypes'

/**
 * The local tools the model may call (function calling). Comes with the built-ins: the current
 * time and date, opening a link after asking, copying text to the clipboard.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition<never>>()

  constructor(deps: ToolRegistryDeps) {
    for (const tool of builtinTools(deps)) this.register(tool)
  }

  register<A>(tool: ToolDefinition<A>): void {
    this.tools.set(tool.name, tool as unknown as ToolDefinition<never>)
  }

  /**
   * Declarations for `setup.tools[].functionDeclarations`, with JSON Schema parameters, and
   * `behavior` as the model takes it ({@link behaviorOf}): nothing on `blocking-only` models,
   * which refuse the field (docs/protocol.md §0.1).
   */
  declarations(functionBehavior: FunctionBehavior = 'blocking-only'): FunctionDeclaration[] {
    return [...this.tools.values()].map((tool) => {
      const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.parameters, { io: 'input' })
      return {
        name: tool.name,
        description: tool.description,
        ...(functionBehavior !== 'blocking-only' && { behavior: this.behaviorOf(tool.name, functionBehavior) }),
        parametersJsonSchema: schema,
      }
    })
  }

  /**
   * How a call of `name` runs on a model with `functionBehavior`: NON_BLOCKING wherever the model
   * supports it (the conversation goes on while the tool works) unless the tool asks for
   * BLOCKING where it may; BLOCKING on `blocking-only` models and for names we never declared.
   */
  behaviorOf(name: string, functionBehavior: FunctionBehavior): 'BLOCKING' | 'NON_BLOCKING' {
    const tool = this.tools.get(name)
    if (!tool || functionBehavior === 'blocking-only') return 'BLOCKING'
    if (functionBehavior === 'async-only') return 'NON_BLOCKING'
    return tool.behavior ?? 'NON_BLOCKING'
  }

  /** How the model should take a NON_BLOCKING result of `name` (the tool's own choice, else `WHEN_IDLE`). */
  schedulingOf(name: string): ToolScheduling {
    return this.tools.get(name)?.scheduling ?? 'WHEN_IDLE'
  }

  /**
   * Runs a tool; never throws: unknown names, bad arguments and failures come back as `error`.
   * `sendPart` receives the parts a tool sends before its last one (see {@link ToolContext.sendPart}).
   */
  async call(name: string, args: unknown, signal: AbortSignal = new AbortController().signal, sendPart: (output: unknown) => void = () => {}): Promise<ToolOutcome> {
    const tool = this.tools.get(name)
    if (!tool) return { ok: false, error: `There is no tool called "${name}".` }
    const parsed = tool.parameters.safeParse(args ?? {})
    if (!parsed.success) return { ok: false, error: `Bad arguments for ${name}: ${z.prettifyError(parsed.error)}` }
    try {
      const output = await tool.run(parsed.data as never, { signal, sendPart })
      return { ok: true, output }
    } catch (error) {
      return { ok: false, error: error instanceof ToolError ? error.message : `${name} failed: ${error instanceof Error ? error.message : String(error)}` }
    }
  }
}
