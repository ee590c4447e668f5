import type { ToolActivity } from '../../../../shared/ipcContract'
import type { Logger } from '../ports'
import type { ToolRegistry } from '../tools/toolRegistry'
import type { FunctionCall, FunctionResponse } from './liveTypes'

interface Pending {
  name: string
  controller: AbortController
}

/**
 * Runs the model's function calls against the local tool registry and answers each with its
 * own id. A `toolCallCancellation` aborts the run and suppresses the answer; calls still open
 * when the connection goes away are abandoned (a resumed session never saw them, and answering
 * an id it does not know is a protocol error: live-protocol.md §5).
 */
export class ToolCallRunner {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly deps: {
      tools: ToolRegistry
      logger: Logger
      onActivity(activity: ToolActivity): void
      /** Sends the answer on the current connection; false when there is none. */
      respond(responses: FunctionResponse[]): boolean
      /** Called whenever the number of unanswered calls changes. */
      onPendingChange(count: number): void
    },
  ) {}

  get pendingCount(): number {
    return this.pending.size
  }

  handle(calls: readonly FunctionCall[]): void {
    for (const call of calls) {
      const id = call.id
      const name = call.name ?? ''
      if (!id) {
        this.deps.logger.warn('tool call without an id ignored', { name })
        continue
      }
      if (this.pending.has(id)) {
        this.deps.logger.warn('duplicate tool call id ignored', { id, name })
        continue
      }
      const controller = new AbortController()
      this.pending.set(id, { name, controller })
      this.deps.onActivity({ id, name, status: 'called', args: call.args ?? {} })
      void this.run(id, name, call.args ?? {}, controller)
    }
    this.deps.onPendingChange(this.pending.size)
  }

  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.pending.get(id)
      if (!entry) continue
      this.pending.delete(id)
      entry.controller.abort()
      this.deps.onActivity({ id, name: entry.name, status: 'cancelled' })
    }
    this.deps.onPendingChange(this.pending.size)
  }

  /** Drops every open call without answering (connection gone or session stopped). */
  abandonAll(): void {
    if (this.pending.size === 0) return
    this.cancel([...this.pending.keys()])
  }

  private async run(id: string, name: string, args: Record<string, unknown>, controller: AbortController): Promise<void> {
    const outcome = await this.deps.tools.call(name, args, controller.signal)
    if (this.pending.get(id)?.controller !== controller) return
    this.pending.delete(id)
    const response: Record<string, unknown> = outcome.ok ? { output: outcome.output } : { error: outcome.error }
    const isSent = this.deps.respond([{ id, name, response }])
    if (!isSent) this.deps.logger.warn('tool answer had no connection to go to', { id, name })
    this.deps.onActivity(
      outcome.ok ? { id, name, status: 'answered', result: outcome.output } : { id, name, status: 'failed', result: outcome.error },
    )
    this.deps.onPendingChange(this.pending.size)
  }
}
