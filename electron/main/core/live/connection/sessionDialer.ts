import type { Notice } from '../../../../../shared/ipcContract'
import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Settings } from '../../../../../shared/settings'
import type { Clock } from '../../ports'
import { functionBehaviorOf } from '../../tools/functionBehaviorOf'
import type { ToolRegistry } from '../../tools/toolRegistry'
import type { ConversationMemory } from '../conversation/conversationMemory'
import type { InputPump } from '../input/inputPump'
import type { LiveConnector, OpenConnection } from './liveConnector'
import { LiveTransportError } from '../liveErrors'
import type { ResumptionState } from '../recovery/resumptionState'
import { continuationNote, seedTurns } from './seedTurns'

/** How one dial ended. `abandoned`: stop or suspend came first and the connection was closed again. */
export type DialOutcome =
  | { kind: 'open'; open: OpenConnection; isResumed: boolean; seededNote: Notice[] | null }
  | { kind: 'failed'; failure: LiveTransportError; offeredHandle: boolean }
  | { kind: 'abandoned' }

/**
 * One connection attempt for the session: resume with the handle while it is usable, else start
 * fresh seeded with the conversation so far as structured turns with roles, never as free text
 * in the system instruction (issue 19 item 2): `clientContent` with `turnComplete: false` where the
 * model takes mid-session history (3.8, 2.5), or the initial history announced by
 * `historyConfig.initialHistoryInClientContent` and ended by `turnComplete: true` (3.1,
 * docs/protocol.md §0.1). Then the connection goes to the pump and what was held is sent, in order.
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
    const seed = handle ? null : seedTurns(memory.historyTurns(), model)
    let open: OpenConnection
    try {
      open = await connector.open({
        ...request,
        handle,
        functionDeclarations: this.deps.tools.declarations(functionBehaviorOf(model)),
        seedsInitialHistory: seed !== null && model.historySeeding === 'initial-history',
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
    if (seed) open.connection.sendClientContent({ turns: seed, turnComplete: model.historySeeding === 'initial-history' })
    pump.flush()
    return { kind: 'open', open, isResumed: handle !== undefined, seededNote: seed ? continuationNote(memory.lines()) : null }
  }
}
