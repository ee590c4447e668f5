import type { LiveModel } from '../../../../shared/modelCatalogue'
import type { Settings } from '../../../../shared/settings'
import type { Clock } from '../ports'
import { functionBehaviorOf } from '../tools/functionBehaviorOf'
import type { ToolRegistry } from '../tools/toolRegistry'
import type { ConversationMemory } from './conversationMemory'
import type { InputPump } from './inputPump'
import type { LiveConnector, OpenConnection } from './liveConnector'
import { LiveTransportError } from './liveErrors'
import type { ResumptionState } from './resumptionState'

/** How one dial ended. `abandoned`: stop or suspend came first and the connection was closed again. */
export type DialOutcome =
  | { kind: 'open'; open: OpenConnection; isResumed: boolean }
  | { kind: 'failed'; failure: LiveTransportError; offeredHandle: boolean }
  | { kind: 'abandoned' }

/**
 * One connection attempt for the session: resume with the handle while it is usable, else start
 * fresh seeded with the conversation so far (history turns through `clientContent`, or a summary
 * in the system instruction for models that refuse it), then hand the connection to the pump and
 * send what was held, in order.
 */
export class SessionDialer {
  constructor(
    private readonly deps: {
      connector: LiveConnector
      resumption: ResumptionState
      memory: ConversationMemory
      pump: InputPump
      tools: ToolRegistry
      clock: Clock
    },
  ) {}

  async dial(request: { apiKey: string; settings: Settings; model: LiveModel }, isWanted: () => boolean): Promise<DialOutcome> {
    const { connector, resumption, memory, pump } = this.deps
    const { model } = request
    const handle = resumption.usable(this.deps.clock.now(), model.id)
    const isSeeded = !handle && !memory.isEmpty
    let open: OpenConnection
    try {
      open = await connector.open({
        ...request,
        handle,
        functionDeclarations: this.deps.tools.declarations(functionBehaviorOf(model)),
        conversationSummary: isSeeded && !model.acceptsClientContent ? memory.summary() : undefined,
      })
    } catch (error) {
      const failure = error instanceof LiveTransportError ? error : new LiveTransportError(null, String(error))
      return { kind: 'failed', failure, offeredHandle: handle !== undefined }
    }
    if (!isWanted()) {
      connector.retireAll()
      open.connection.close()
      return { kind: 'abandoned' }
    }
    resumption.noteConnected()
    pump.attach(open.connection)
    if (isSeeded && model.acceptsClientContent) open.connection.sendClientContent({ turns: memory.historyTurns(), turnComplete: false })
    pump.flush()
    return { kind: 'open', open, isResumed: handle !== undefined }
  }
}
