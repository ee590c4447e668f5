import type { ToolActivity } from '../../../../../shared/ipcContract'
import type { Logger } from '../../ports'
import type { ToolRegistry, ToolScheduling } from '../../tools/toolRegistry'
import type { FunctionCall, FunctionResponse } from '../liveTypes'

interface Pending {
  name: string
  controller: AbortController
  behavior: 'BLOCKING' | 'NON_BLOCKING'
}

/**
 * Runs the model's function calls against the local tool registry and answers each with its
 * own id. A NON_BLOCKING call's answer carries the tool's `scheduling` (INTERRUPT, WHEN_IDLE,
 * SILENT) and may come in parts (`willContinue: true` on all but the last); a BLOCKING call gets
 * one plain answer (docs/protocol.md §0.1, §3.4). A `toolCallCancellation` aborts the run and
 * suppresses the answer; calls still open when the connection goes away are abandoned (a
 * resumed session never saw them, and answering an id it does not know is a protocol error: §5).
 * A call without an id is refused and logged: no answer can name it (the SDK throws without an
 * id on the Gemini API, §3.4), so nothing is sent and nothing waits for it.
 */
export class ToolCallRunner {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly deps: {
      tools: ToolRegistry
      logger: Logger
      /** How a call of this name runs on the current model (as it was declared in the setup). */
      behaviorOf(name: string): 'BLOCKING' | 'NON_BLOCKING'
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

  /** Unanswered calls that keep the model waiting (BLOCKING). */
  get blockingCount(): number {
    let blocking = 0
    for (const p of this.pending.values()) if (p.behavior === 'BLOCKING') blocking++
    return blocking
  }

  handle(calls: readonly FunctionCall[]): void {
    for (const call of calls) {
      const id = call.id
      const name = call.name ?? ''
      if (!id) {
        this.deps.logger.warn('tool call refused: it has no id, so no answer could name it', { name })
        continue
      }
      if (this.pending.has(id)) {
        this.deps.logger.warn('duplicate tool call id ignored', { id, name })
        continue
      }
      const controller = new AbortController()
      const behavior = this.deps.behaviorOf(name)
      this.pending.set(id, { name, controller, behavior })
      this.deps.onActivity({ id, name, status: 'called', args: call.args ?? {} })
      void this.run(id, name, call.args ?? {}, controller, behavior)
    }
    this.notePendingChange()
  }

  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.pending.get(id)
      if (!entry) continue
      this.pending.delete(id)
      entry.controller.abort()
      this.deps.onActivity({ id, name: entry.name, status: 'cancelled' })
    }
    this.notePendingChange()
  }

  /** Drops every open call without answering (connection gone or session stopped). */
  abandonAll(): void {
    if (this.pending.size === 0) return
    this.cancel([...this.pending.keys()])
  }

  private async run(id: string, name: string, args: Record<string, unknown>, controller: AbortController, behavior: Pending['behavior']): Promise<void> {
    const isCurrent = () => this.pending.get(id)?.controller === controller
    const isNonBlocking = behavior === 'NON_BLOCKING'
    const scheduling: ToolScheduling | undefined = isNonBlocking ? this.deps.tools.schedulingOf(name) : undefined
    const answer = (response: Record<string, unknown>, willContinue: boolean): boolean =>
      this.deps.respond([{ id, name, response, ...(scheduling && { scheduling }), ...(willContinue && { willContinue }) }])
    const sendPart = (output: unknown) => {
      if (isNonBlocking && isCurrent() && !answer({ output }, true)) this.deps.logger.warn('tool part had no connection to go to', { id, name })
    }
    const outcome = await this.deps.tools.call(name, args, controller.signal, sendPart)
    if (!isCurrent()) return
    this.pending.delete(id)
    const isSent = answer(outcome.ok ? { output: outcome.output } : { error: outcome.error }, false)
    if (!isSent) this.deps.logger.warn('tool answer had no connection to go to', { id, name })
    this.deps.onActivity(
      outcome.ok ? { id, name, status: 'answered', result: outcome.output } : { id, name, status: 'failed', result: outcome.error },
    )
    this.notePendingChange()
  }

  private notePendingChange(): void {
    this.deps.onPendingChange(this.pending.size)
  }
}
