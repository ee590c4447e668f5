import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { functionBehaviorOf } from '../../../electron/main/core/tools/functionBehaviorOf'
import type { FunctionBehavior } from '../../../electron/main/core/tools/toolTypes'
import { findModel } from '../../../shared/modelCatalogue'
import { settle } from '../../support/live/manualClock'
import { EXTENDED_THINKING, FLASH_31, GEMINI_38, NATIVE_AUDIO, chunkNumber, numberedChunk, sessionHarness } from '../../support/live/sessionHarness'

/** One of today's models for each way of running function calls (their profiles in shared/modelCatalogue.ts). */
const MODEL_FOR: Record<FunctionBehavior, string> = {
  'blocking-only': FLASH_31,
  both: NATIVE_AUDIO,
  'non-blocking-default': GEMINI_38,
  'async-only': EXTENDED_THINKING,
}

async function liveOn(functionBehavior: FunctionBehavior) {
  const h = sessionHarness()
  await h.startLive({ model: MODEL_FOR[functionBehavior] })
  return h
}

const responsesOn = (h: Awaited<ReturnType<typeof liveOn>>) => h.transport.last.sent.flatMap((f) => (f.kind === 'toolResponse' ? f.payload : []))

describe('asynchronous tools: declarations follow the model', () => {
  it('each family’s profile says how it runs function calls (live-protocol.md §0.1)', () => {
    for (const [behavior, model] of Object.entries(MODEL_FOR)) expect(functionBehaviorOf(findModel(model)!)).toBe(behavior)
  })

  it.each([
    ['blocking-only', [undefined, undefined, undefined]],
    ['both', ['NON_BLOCKING', 'NON_BLOCKING', 'NON_BLOCKING']],
    ['non-blocking-default', ['NON_BLOCKING', 'NON_BLOCKING', 'NON_BLOCKING']],
    ['async-only', ['NON_BLOCKING', 'NON_BLOCKING', 'NON_BLOCKING']],
  ] as const)('on a %s model the setup declares %j', async (behavior, expected) => {
    const h = await liveOn(behavior)
    const declarations = h.transport.last.request.config.tools![0]!.functionDeclarations!
    expect(declarations.map((d) => d.name)).toEqual(['get_current_time', 'open_url', 'copy_to_clipboard'])
    expect(declarations.map((d) => d.behavior)).toEqual(expected)
  })

  it('a tool that asks for BLOCKING gets it where the model lets it choose, and not on async-only models', () => {
    const h = sessionHarness()
    h.tools.register({ name: 'wait_for_me', description: 'x', parameters: z.object({}), behavior: 'BLOCKING', run: async () => 'done' })
    const behaviors = (b: FunctionBehavior) => h.tools.declarations(b).find((d) => d.name === 'wait_for_me')!.behavior
    expect([behaviors('both'), behaviors('non-blocking-default'), behaviors('async-only'), behaviors('blocking-only')]).toEqual(['BLOCKING', 'BLOCKING', 'NON_BLOCKING', undefined])
  })
})

describe('asynchronous tools: answers carry the scheduling chosen per tool', () => {
  it.each([
    ['get_current_time', 'INTERRUPT', {}],
    ['open_url', 'WHEN_IDLE', { url: 'https://example.com/' }],
    ['copy_to_clipboard', 'SILENT', { text: 'hi' }],
  ])('%s answers with scheduling %s on a NON_BLOCKING model', async (name, scheduling, args) => {
    const h = await liveOn('both')
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'function-call-1', name, args }] } })
    await settle()
    expect(responsesOn(h)).toEqual([{ id: 'function-call-1', name, response: { output: expect.anything() }, scheduling }])
  })

  it('on a blocking-only model the answer carries no scheduling (it applies only to NON_BLOCKING calls)', async () => {
    const h = await liveOn('blocking-only')
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'function-call-1', name: 'get_current_time', args: {} }] } })
    await settle()
    expect(responsesOn(h)).toEqual([{ id: 'function-call-1', name: 'get_current_time', response: { output: expect.anything() } }])
  })

  it('a result in parts: willContinue on every part but the last; a BLOCKING call gets only the whole result', async () => {
    for (const behavior of ['both', 'blocking-only'] as const) {
      const h = await liveOn(behavior)
      h.tools.register({
        name: 'count_files',
        description: 'Counts files, folder by folder.',
        parameters: z.object({}),
        scheduling: 'WHEN_IDLE',
        async run(_args, { sendPart }) {
          sendPart({ folder: 'a', files: 2 })
          sendPart({ folder: 'b', files: 3 })
          return { total: 5 }
        },
      })
      h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-parts', name: 'count_files', args: {} }] } })
      await settle()
      const responses = responsesOn(h)
      if (behavior === 'both') {
        expect(responses).toEqual([
          { id: 'fc-parts', name: 'count_files', response: { output: { folder: 'a', files: 2 } }, scheduling: 'WHEN_IDLE', willContinue: true },
          { id: 'fc-parts', name: 'count_files', response: { output: { folder: 'b', files: 3 } }, scheduling: 'WHEN_IDLE', willContinue: true },
          { id: 'fc-parts', name: 'count_files', response: { output: { total: 5 } }, scheduling: 'WHEN_IDLE' },
        ])
      } else {
        expect(responses).toEqual([{ id: 'fc-parts', name: 'count_files', response: { output: { total: 5 } } }])
      }
    }
  })

  it('toolCallCancellation: the run is aborted, and neither a part nor the answer is sent', async () => {
    const h = await liveOn('both')
    let release!: () => void
    h.tools.register({
      name: 'slow_search',
      description: 'x',
      parameters: z.object({}),
      async run(_args, { sendPart, signal }) {
        await new Promise<void>((resolve) => (release = resolve))
        sendPart({ found: 1 })
        return { aborted: signal.aborted }
      },
    })
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-slow', name: 'slow_search', args: {} }] } })
    await settle()
    h.transport.last.emit({ toolCallCancellation: { ids: ['fc-slow'] } })
    release()
    await settle()
    expect(responsesOn(h)).toEqual([])
    expect(h.log.of('onToolActivity').map((a) => a.status)).toEqual(['called', 'cancelled'])
  })
})

describe('asynchronous tools: realtime audio during a call', () => {
  const audioOn = (h: Awaited<ReturnType<typeof liveOn>>) => h.transport.last.realtime('audio').map((p) => chunkNumber((p.audio as { data: string }).data))

  it('on a BLOCKING model that refuses audio during a call, audio is held until the answer, then sent in order', async () => {
    const h = await liveOn('blocking-only')
    let release!: () => void
    h.tools.register({ name: 'slow', description: 'x', parameters: z.object({}), run: () => new Promise((resolve) => (release = () => resolve('ok'))) })
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-1', name: 'slow', args: {} }] } })
    await settle()
    h.session.sendAudio(numberedChunk(1))
    h.session.sendAudio(numberedChunk(2))
    expect(audioOn(h)).toEqual([])
    release()
    await settle()
    expect(audioOn(h)).toEqual([1, 2])
  })

  it('a NON_BLOCKING call on a model that holds audio for BLOCKING calls (2.5 native audio) lets the conversation go on: audio is not held', async () => {
    const h = await liveOn('both')
    h.tools.register({ name: 'slow', description: 'x', parameters: z.object({}), run: () => new Promise(() => {}) })
    h.transport.last.emit({ toolCall: { functionCalls: [{ id: 'fc-1', name: 'slow', args: {} }] } })
    await settle()
    h.session.sendAudio(numberedChunk(1))
    expect(audioOn(h)).toEqual([1])
  })
})

describe('a tool call without an id', () => {
  it('is refused with a log line and no answer (the SDK throws without an id); a call beside it is answered; nothing loops', async () => {
    const h = await liveOn('both')
    h.transport.last.emit({ toolCall: { functionCalls: [{ name: 'copy_to_clipboard', args: { text: 'x' } }, { id: 'fc-ok', name: 'get_current_time', args: {} }] } })
    h.transport.last.emit({ toolCall: { functionCalls: [{ name: 'copy_to_clipboard', args: { text: 'x' } }] } })
    // Less than the stall timeout: the one answer sent expects the model to speak next.
    await h.clock.advance(5_000)
    expect(responsesOn(h)).toEqual([expect.objectContaining({ id: 'fc-ok', name: 'get_current_time' })])
    expect(h.logger.lines.filter((l) => l.message.startsWith('tool call refused'))).toEqual([
      { level: 'warn', message: 'tool call refused: it has no id, so no answer could name it', fields: { name: 'copy_to_clipboard' } },
      { level: 'warn', message: 'tool call refused: it has no id, so no answer could name it', fields: { name: 'copy_to_clipboard' } },
    ])
    expect(h.desktop.writeClipboard).not.toHaveBeenCalled()
    expect(h.transport.attempts).toHaveLength(1)
    expect(h.session.state).toBe('live')
  })
})
