import type { LiveModel } from '../../../../../shared/modelCatalogue'
import type { Logger } from '../../ports'
import { functionBehaviorOf } from '../../tools/functionBehaviorOf'
import type { ToolRegistry } from '../../tools/toolRegistry'
import type { ConversationKeeper } from '../conversation/conversationKeeper'
import type { ConversationMemory } from '../conversation/conversationMemory'
import { parseDurationMs } from './duration'
import type { GoAwayPlanner } from '../recovery/goAwayPlanner'
import type { InputPump } from '../input/inputPump'
import type { LiveSessionEvents } from '../liveSessionEvents'
import type { FunctionResponse, LiveServerMessage } from '../liveTypes'
import type { ResumptionState } from '../recovery/resumptionState'
import { ServerContentTranslator, type TranslatorContext } from './serverContentTranslator'
import type { StallWatch } from '../recovery/stallWatch'
import { ToolCallRunner } from './toolCallRunner'
import type { TurnTracker } from '../conversation/turnTracker'
import { UsageMeter } from '../conversation/usageMeter'

/**
 * Everything the server says on a live connection, turned into session effects: content becomes
 * UI events, tool calls run (holding audio on models that refuse it meanwhile, and holding the
 * stall watch while they are open), usage adds up, handles are kept (and saved), and `goAway`
 * plans a rotation. Any message restarts the stall watch's wait; an answer still being generated
 * keeps it on, and `generationComplete` ends it (wire samples u05, u06). A message that cannot be
 * handled is logged and ignored; it never reaches the transport's callback as an exception.
 */
export class ServerMessageHandler {
  readonly usage = new UsageMeter()
  private readonly translator: ServerContentTranslator
  private readonly toolRunner: ToolCallRunner

  constructor(
    private readonly deps: {
      events: LiveSessionEvents
      tools: ToolRegistry
      logger: Logger
      turns: TurnTracker
      memory: ConversationMemory
      pump: InputPump
      stall: StallWatch
      goAway: GoAwayPlanner
      resumption: ResumptionState
      keeper: ConversationKeeper
      model: () => LiveModel | null
      isSpeaking: () => boolean
      context: TranslatorContext
    },
  ) {
    this.translator = new ServerContentTranslator(deps.events, deps.turns, deps.memory, deps.context)
    this.toolRunner = new ToolCallRunner({
      tools: deps.tools,
      logger: deps.logger,
      behaviorOf: (name) => deps.tools.behaviorOf(name, functionBehaviorOf(deps.model()!)),
      onActivity: (a) => deps.events.onToolActivity(a),
      respond: (responses) => {
        const isSent = deps.pump.sendToolResponse(responses)
        if (isSent && responses.some(expectsReply)) deps.stall.expectTraffic()
        return isSent
      },
      onPendingChange: (count) => {
        deps.stall.setPaused(count > 0)
        deps.pump.setHeld(this.toolRunner.blockingCount > 0 && deps.model()?.refusesAudioDuringToolCall === true)
        if (count === 0 && !this.isBusy) deps.goAway.noteIdle()
      },
    })
  }

  /** Something is in flight: the model is answering, a tool call is open, or the user holds the talk key. */
  get isBusy(): boolean {
    return this.deps.turns.isReplying || this.toolRunner.pendingCount > 0 || this.deps.isSpeaking()
  }

  handle(message: LiveServerMessage): void {
    const { stall, resumption, keeper, goAway } = this.deps
    stall.noteTraffic()
    try {
      if (message.sessionResumptionUpdate) {
        resumption.update(message.sessionResumptionUpdate, this.deps.model()!.id)
        keeper.save()
      }
      // Usage riding on a turnComplete belongs to the turn it ends (r02), so it is read first.
      if (message.usageMetadata) this.deps.events.onUsage(this.usage.report(message.usageMetadata))
      if (message.serverContent) {
        const outcome = this.translator.translate(message.serverContent)
        if (outcome.isAnswerDone) stall.settle()
        else if (outcome.isAnswerOwed) stall.expectTraffic()
        if (outcome.isTurnComplete) {
          this.usage.endTurn()
          keeper.save()
        }
        if (outcome.isAnswerDone && !this.isBusy) goAway.noteIdle()
      }
      if (message.toolCall?.functionCalls) {
        this.deps.turns.noteModelActivity()
        this.toolRunner.handle(message.toolCall.functionCalls)
      }
      if (message.toolCallCancellation?.ids) this.toolRunner.cancel(message.toolCallCancellation.ids)
      if (message.goAway) goAway.noteGoAway(parseDurationMs(message.goAway.timeLeft), this.isBusy)
    } catch (error) {
      this.deps.logger.warn('unexpected server message ignored', { error, keys: Object.keys(message ?? {}) })
    }
  }

  /**
   * The connection went away: open tool calls are dropped unanswered (a resumed session never
   * saw them), text held back is shown, and the turn's usage is counted (a new connection reports afresh).
   */
  connectionEnded(): void {
    this.toolRunner.abandonAll()
    this.translator.flushAll()
    this.usage.endTurn()
  }
}

/** A `SILENT` result is taken in without a word (docs/protocol.md §0.1): no reply is owed. */
function expectsReply(response: FunctionResponse): boolean {
  return response.scheduling !== 'SILENT'
}
