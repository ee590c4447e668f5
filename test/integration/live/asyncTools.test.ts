import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FLASH_31, NATIVE_AUDIO, liveHarness, micChunk, waitFor } from '../../support/live/liveHarness'

/** One of today's models for each way of running function calls (their profiles in shared/modelCatalogue.ts). */
const MODEL_FOR = { both: NATIVE_AUDIO, 'blocking-only': FLASH_31 } as const

type Harness = Awaited<ReturnType<typeof liveHarness>>
let h: Harness
afterEach(async () => h?.stop())

/** The functionResponses entries the fake server received, as they were on the wire. */
const responsesOnWire = () => h.server.received('toolResponse').flatMap((m) => (m.toolResponse as { functionResponses: Record<string, unknown>[] }).functionResponses)

async function askWithTool(functionBehavior: keyof typeof MODEL_FOR, call: { name: string; args?: Record<string, unknown> }) {
  h = await liveHarness()
  await h.session.start(h.settings({ model: MODEL_FOR[functionBehavior] }))
  h.server.setScript({
    onTurn: async (c) => {
      const [id] = await c.toolCall([call])
      await c.waitForToolResponse(id!)
      await c.reply({ text: 'Done.' })
    },
  })
  h.session.sendText('Do it.')
  await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the answer after the tool')
  const toolCall = h.server.frames.find((f) => f.direction === 'out' && (f.json as { toolCall?: unknown }).toolCall)!.json as { toolCall: { functionCalls: { id: string }[] } }
  return toolCall.toolCall.functionCalls[0]!.id
}

describe('asynchronous tools through the real SDK', () => {
  it('declares every function NON_BLOCKING on a model that supports it, and nothing on a blocking-only one', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ model: MODEL_FOR.both }))
    const declared = () => ((h.server.received('setup').at(-1)!.setup as { tools: { functionDeclarations?: { behavior?: string }[] }[] }).tools[0]!.functionDeclarations ?? []).map((d) => d.behavior)
    expect(declared()).toEqual(['NON_BLOCKING', 'NON_BLOCKING', 'NON_BLOCKING'])
    await h.stop()
    h = await liveHarness()
    await h.session.start(h.settings({ model: MODEL_FOR['blocking-only'] }))
    expect(declared()).toEqual([undefined, undefined, undefined])
  })

  it.each([
    ['INTERRUPT', { name: 'get_current_time', args: { timeZone: 'UTC' } }],
    ['WHEN_IDLE', { name: 'open_url', args: { url: 'https://example.com' } }],
    ['SILENT', { name: 'copy_to_clipboard', args: { text: 'hello' } }],
  ])('scheduling %s reaches the wire in the toolResponse, with the call\'s id', async (scheduling, call) => {
    const id = await askWithTool('both', call)
    expect(responsesOnWire()).toEqual([{ id, name: call.name, response: { output: expect.anything() }, scheduling }])
  })

  it('a result in parts: willContinue on the wire for each part but the last', async () => {
    h = await liveHarness()
    h.tools.register({
      name: 'scan_folders',
      description: 'Scans folders one by one.',
      parameters: z.object({}),
      scheduling: 'WHEN_IDLE',
      async run(_args, { sendPart }) {
        sendPart({ folder: 'Documents', files: 12 })
        return { total: 12 }
      },
    })
    await h.session.start(h.settings({ model: MODEL_FOR.both }))
    let id = ''
    h.server.setScript({ onTurn: async (c) => void (id = (await c.toolCall([{ name: 'scan_folders' }]))[0]!) })
    h.session.sendText('Scan my folders.')
    await waitFor(() => responsesOnWire().length === 2, 'both parts on the wire')
    expect(responsesOnWire()).toEqual([
      { id, name: 'scan_folders', response: { output: { folder: 'Documents', files: 12 } }, scheduling: 'WHEN_IDLE', willContinue: true },
      { id, name: 'scan_folders', response: { output: { total: 12 } }, scheduling: 'WHEN_IDLE' },
    ])
  })

  it('toolCallCancellation of a NON_BLOCKING call: no answer goes out', async () => {
    h = await liveHarness({ confirm: () => new Promise(() => {}) })
    await h.session.start(h.settings({ model: MODEL_FOR.both }))
    h.server.setScript({
      onTurn: async (c) => {
        const ids = await c.toolCall([{ name: 'open_url', args: { url: 'https://example.com' } }])
        await c.cancelToolCalls(ids)
      },
    })
    h.session.sendText('Open it')
    await waitFor(() => h.log.of('onToolActivity').some((a) => a.status === 'cancelled'), 'cancellation')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(h.server.received('toolResponse')).toEqual([])
  })

  it('on a BLOCKING-only model (3.1), mic audio is held while the call is open; the server never closes 1008', async () => {
    let confirmDone!: (allow: boolean) => void
    h = await liveHarness({ confirm: () => new Promise((resolve) => (confirmDone = resolve)) })
    await h.session.start(h.settings({ model: MODEL_FOR['blocking-only'], vad: { mode: 'push-to-talk' } }))
    h.server.setScript({ onTurn: async (c) => void (await c.toolCall([{ name: 'open_url', args: { url: 'https://example.com' } }])) })
    h.session.sendText('Open example.com')
    await waitFor(() => h.log.of('onToolActivity').length, 'tool call')
    for (let i = 0; i < 3; i++) h.session.sendAudio(micChunk(i))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(h.server.receivedAudio()).toHaveLength(0)
    confirmDone(true)
    await waitFor(() => h.server.receivedAudio().length === 3, 'held audio after the answer')
    expect(responsesOnWire()).toEqual([expect.not.objectContaining({ scheduling: expect.anything() })])
    expect(h.server.connections[0]!.closed).toBeNull()
  })

  it('a toolCall without an id gets a logged refusal, no toolResponse, and the session goes on', async () => {
    h = await liveHarness()
    await h.session.start(h.settings({ model: MODEL_FOR.both }))
    h.server.setScript({
      onTurn: async (c, turn) => {
        if (turn.text === 'no id') return void (await c.send({ toolCall: { functionCalls: [{ name: 'copy_to_clipboard', args: { text: 'x' } }] } }))
        await c.reply({ text: 'Still here.' })
      },
    })
    h.session.sendText('no id')
    await waitFor(() => h.logger.lines.some((l) => l.message.startsWith('tool call refused')), 'the refusal logged')
    h.session.sendText('are you there?')
    await waitFor(() => h.log.of('onTurnEvent').some((e) => e.type === 'turnComplete'), 'the next answer')
    expect(h.server.received('toolResponse')).toEqual([])
    expect(h.desktop.writeClipboard).not.toHaveBeenCalled()
    expect(h.server.connections).toHaveLength(1)
  })
})
