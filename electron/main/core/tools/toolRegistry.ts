import { z } from 'zod'
import type { FunctionDeclaration } from '../live/liveTypes'
import { builtinTools } from './builtinTools'
import { ToolError, type ToolDefinition, type ToolOutcome, type ToolRegistryDeps } from './toolTypes'

export { ToolError, type ToolContext, type ToolDefinition, type ToolOutcome, type ToolRegistryDeps } from './toolTypes'

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

  has(name: string): boolean {
    return this.tools.has(name)
  }

  /** Declarations for `setup.tools[].functionDeclarations`, with JSON Schema parameters. */
  declarations(): FunctionDeclaration[] {
    return [...this.tools.values()].map((tool) => {
      const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.parameters, { io: 'input' })
      return {
        name: tool.name,
        description: tool.description,
        ...(tool.behavior && { behavior: tool.behavior }),
        parametersJsonSchema: schema,
      }
    })
  }

  /** Runs a tool; never throws: unknown names, bad arguments and failures come back as `error`. */
  async call(name: string, args: unknown, signal: AbortSignal = new AbortController().signal): Promise<ToolOutcome> {
    const tool = this.tools.get(name)
    if (!tool) return { ok: false, error: `There is no tool called "${name}".` }
    const parsed = tool.parameters.safeParse(args ?? {})
    if (!parsed.success) return { ok: false, error: `Bad arguments for ${name}: ${z.prettifyError(parsed.error)}` }
    try {
      const output = await tool.run(parsed.data as never, { signal })
      return { ok: true, output }
    } catch (error) {
      return { ok: false, error: error instanceof ToolError ? error.message : `${name} failed: ${error instanceof Error ? error.message : String(error)}` }
    }
  }
}
