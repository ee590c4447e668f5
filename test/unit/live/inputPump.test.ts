import { describe, expect, it } from 'vitest'
import { InputPump } from '../../../electron/main/core/live/input/inputPump'
import type { LiveConnection } from '../../../electron/main/core/ports'

function recorder() {
  const sent: string[] = []
  const connection: LiveConnection = {
    sendRealtimeInput: (i) => void sent.push(i.audio ? `audio:${i.audio.data}` : i.video ? `video:${i.video.data}` : Object.keys(i)[0]!),
    sendClientContent: () => void sent.push('content'),
    sendToolResponse: (r) => void sent.push(`tool:${r[0]!.id}`),
    close: () => {},
  }
  return { sent, connection }
}
const audio = (n: number) => ({ kind: 'audio' as const, input: { audio: { data: String(n), mimeType: 'audio/pcm;rate=16000' } } })
const video = (n: number) => ({ kind: 'video' as const, input: { video: { data: String(n), mimeType: 'image/jpeg' } } })

describe('input while no connection can take it', () => {
  it('is held in capture order and sent once a connection is ready', () => {
    const pump = new InputPump({ maxAudio: 10, maxVideo: 2 })
    pump.push(audio(1))
    pump.push({ kind: 'control', input: { activityEnd: {} } })
    pump.push(video(1))
    pump.push(audio(2))
    const { sent, connection } = recorder()
    pump.attach(connection)
    pump.flush()
    expect(sent).toEqual(['audio:1', 'activityEnd', 'video:1', 'audio:2'])
    expect(pump.stats).toEqual({ bufferedChunks: 3, droppedChunks: 0, pendingChunks: 0 })
  })

  it('keeps at most the bound, dropping the oldest chunks and counting them, never control messages', () => {
    const pump = new InputPump({ maxAudio: 3, maxVideo: 1 })
    pump.push({ kind: 'control', input: { activityStart: {} } })
    for (let n = 1; n <= 5; n++) pump.push(audio(n))
    pump.push(video(1))
    pump.push(video(2))
    const { sent, connection } = recorder()
    pump.attach(connection)
    pump.flush()
    expect(sent).toEqual(['activityStart', 'audio:3', 'audio:4', 'audio:5', 'video:2'])
    expect(pump.stats.droppedChunks).toBe(3)
  })

  it('holds realtime input while a tool call is unanswered, lets the answer through first', () => {
    const pump = new InputPump({ maxAudio: 10, maxVideo: 2 })
    const { sent, connection } = recorder()
    pump.attach(connection)
    pump.push(audio(1))
    pump.setHeld(true)
    pump.push(audio(2))
    pump.sendToolResponse([{ id: 'fc-1', name: 'x', response: {} }])
    expect(sent).toEqual(['audio:1', 'tool:fc-1'])
    pump.setHeld(false)
    expect(sent).toEqual(['audio:1', 'tool:fc-1', 'audio:2'])
  })

  it('reports a tool answer with no connection as not sent', () => {
    const pump = new InputPump({ maxAudio: 10, maxVideo: 2 })
    expect(pump.sendToolResponse([{ id: 'fc-1', name: 'x', response: {} }])).toBe(false)
  })
})
