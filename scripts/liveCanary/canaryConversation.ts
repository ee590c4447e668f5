import type { AppError, SessionStatus, ToolActivity, TranscriptDelta, TurnEvent } from '../../shared/ipcContract'
import { keyCredentials } from '../../electron/main/core/credentials/keyCredentials'
import { LiveSession } from '../../electron/main/core/live/liveSession'
import { buildLiveConfig } from '../../electron/main/core/live/connection/liveConfig'
import { LiveTransportError } from '../../electron/main/core/live/liveErrors'
import type { LiveTransport, Logger } from '../../electron/main/core/ports'
import { systemClock } from '../../electron/main/platform/systemClock'
import { ToolRegistry } from '../../electron/main/core/tools/toolRegistry'
import type { LiveModel } from '../../shared/modelCatalogue'
import { DEFAULT_SETTINGS, applySettingsPatch, type Settings } from '../../shared/settings'
import { describeNotices } from '../../shared/i18n/describeError'
import { wordingFor } from '../../shared/i18n/translate'

/** One model's result: passed, or failed at a named step with the reason. */
export type CanaryResult = { model: string; status: 'passed' } | { model: string; status: 'failed'; step: string; reason: string }

class CanaryStepError extends Error {}

/** What the engine told the outside world during the run. */
function recorder() {
  const log = { statuses: [] as SessionStatus[], transcripts: [] as TranscriptDelta[], turns: [] as TurnEvent[], tools: [] as ToolActivity[], errors: [] as AppError[], audioChunks: 0 }
  const listeners = new Set<() => void>()
  const note = () => listeners.forEach((l) => l())
  const events = {
    onStatus: (s: SessionStatus) => (log.statuses.push(s), note()),
    onTranscript: (t: TranscriptDelta) => (log.transcripts.push(t), note()),
    onTurnEvent: (e: TurnEvent) => (log.turns.push(e), note()),
    onModelContent: () => {},
    onToolActivity: (a: ToolActivity) => (log.tools.push(a), note()),
    onAudioOut: () => (log.audioChunks++, note()),
    onUsage: () => {},
    onError: (e: AppError) => (log.errors.push(e), note()),
  }
  /** Resolves once `probe` holds, rejects after `timeoutMs` naming what was awaited. */
  const until = (probe: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (probe()) return resolve()
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(new CanaryStepError(`no ${what} within ${timeoutMs} ms${log.errors.length ? ` (${log.errors.at(-1)!.message})` : ''}`))
      }, timeoutMs)
      const check = () => {
        if (!probe()) return
        clearTimeout(timer)
        listeners.delete(check)
        resolve()
      }
      listeners.add(check)
    })
  return { log, events, until }
}

/**
 * The canary's small conversation on one model, through the real engine and SDK: a typed
 * question answered in speech with its transcript, one tool call (`get_current_time`) answered,
 * and one resume with the session's handle; then a rule probe: the model must still refuse a
 * TEXT setup (every current Live model is AUDIO only, docs/protocol.md §0.1), else its profile is
 * out of date. Never throws: a failure is reported with its step.
 */
export async function runCanaryConversation(deps: { transport: LiveTransport; apiKey: string; model: LiveModel; logger: Logger; stepTimeoutMs: number }): Promise<CanaryResult> {
  const { model, stepTimeoutMs: ms } = deps
  const { log, events, until } = recorder()
  const tools = new ToolRegistry({
    clock: systemClock,
    desktop: { openInBrowser: async () => {}, writeClipboard: async () => {} },
    confirm: async () => false,
  })
  const session = new LiveSession({ transport: deps.transport, clock: systemClock, logger: deps.logger, tools, events, credentials: keyCredentials(async () => deps.apiKey) })
  const settings: Settings = applySettingsPatch(DEFAULT_SETTINGS, { model: model.id, vad: { mode: 'push-to-talk' }, inputTranscription: true, outputTranscription: true })
  let step = 'setup'
  try {
    const status = await session.start(settings)
    if (status.state === 'error') throw new CanaryStepError(describeDetail(status.detail))
    if (status.state !== 'live') await until(() => session.state === 'live' || session.state === 'error', 'live session', ms)
    if (session.state === 'error') throw new CanaryStepError(describeDetail(session.status.detail))

    step = 'typed question, spoken answer with transcript'
    session.sendText('Say hello in five words.')
    await until(() => log.turns.some((t) => t.type === 'generationComplete' || t.type === 'turnComplete'), 'end of the answer', ms)
    if (log.audioChunks === 0) throw new CanaryStepError('the answer had no audio')
    if (!log.transcripts.some((t) => t.role === 'model' && t.kind === 'output' && t.text.trim())) throw new CanaryStepError('the answer had no output transcript')

    step = 'tool call'
    const endsBefore = log.turns.length
    session.sendText('What time is it? Use the get_current_time tool.')
    await until(() => log.tools.some((a) => a.name === 'get_current_time' && a.status === 'answered'), 'answered get_current_time call', ms)
    await until(() => log.turns.slice(endsBefore).some((t) => t.type === 'generationComplete' || t.type === 'turnComplete'), 'answer after the tool call', ms)

    step = 'resume'
    await session.suspend()
    await session.resume()
    await until(() => session.state === 'live' && session.status.resumed, 'resumed session', ms)

    step = 'rule: AUDIO only'
    await expectTextRefused(deps, settings, ms)
    return { model: model.id, status: 'passed' }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { model: model.id, status: 'failed', step, reason }
  } finally {
    await session.stop().catch(() => undefined)
  }
}

/** A TEXT setup must be refused with 1007; if the model now takes it, its profile needs updating. */
async function expectTextRefused(deps: { transport: LiveTransport; apiKey: string; model: LiveModel }, settings: Settings, ms: number): Promise<void> {
  const { config, apiVersion } = buildLiveConfig(settings, deps.model)
  const noop = () => {}
  const attempt = deps.transport.connect({ apiKey: deps.apiKey, model: deps.model.id, apiVersion, config: { ...config, responseModalities: ['TEXT'], speechConfig: undefined, outputAudioTranscription: undefined } }, { onMessage: noop, onClose: noop, onError: noop })
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new CanaryStepError(`no answer to a TEXT setup within ${ms} ms`)), ms).unref())
  let connection
  try {
    connection = await Promise.race([attempt, timeout])
  } catch (error) {
    if (error instanceof LiveTransportError && error.closeCode === 1007) return
    throw error
  }
  connection.close()
  throw new CanaryStepError(`${deps.model.id} now accepts TEXT answers: its profile in shared/modelCatalogue.ts is out of date`)
}

/** The session's status detail in English words, for the canary's report. */
function describeDetail(detail: SessionStatus['detail']): string {
  return describeNotices(detail, wordingFor('en')) ?? 'the session ended in error'
}
