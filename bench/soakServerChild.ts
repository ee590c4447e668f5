// The soak bench's fake Live server, in its own process so the frames it records never count in
// the engine's heap. It tallies the numbered audio chunks it receives and then forgets the frames.
// Commands arrive over the IPC channel: `goAway` (rotate the newest connection), `stats`, `stop`.
import { FakeLiveServer } from '../test/support/fakeLive/fakeLiveServer'

const server = new FakeLiveServer()
const baseUrl = await server.start()
const seen = new Set<number>()
let audioChunks = 0
let duplicates = 0
let outOfOrder = 0
let last = -1
let videoFrames = 0

const tally = () => {
  for (const frame of server.frames.splice(0)) {
    const input = (frame.json as { realtimeInput?: { audio?: { data?: string }; video?: unknown } } | undefined)?.realtimeInput
    if (frame.direction !== 'in' || !input) continue
    if (input.video) videoFrames++
    if (input.audio?.data === undefined) continue
    const n = Buffer.from(input.audio.data, 'base64').readUInt32LE(0)
    audioChunks++
    if (seen.has(n)) duplicates++
    else seen.add(n)
    if (n <= last) outOfOrder++
    last = n
  }
}
const timer = setInterval(tally, 200)

process.on('message', (message: { id: number; command: 'goAway' | 'stats' | 'stop' }) => {
  const reply = (value: unknown) => process.send!({ id: message.id, value })
  if (message.command === 'goAway') {
    const open = server.connections.filter((c) => c.isOpen).at(-1)
    void open?.goAway('10s', { closeAfterMs: null }).then(() => reply(open.index), () => reply(null))
    if (!open) reply(null)
  } else if (message.command === 'stats') {
    tally()
    reply({ audioChunks, distinctAudioChunks: seen.size, duplicates, outOfOrder, videoFrames, connections: server.connections.length, openSockets: server.connections.filter((c) => c.isOpen).length })
  } else {
    clearInterval(timer)
    void server.stop().then(() => {
      reply(true)
      process.disconnect()
    })
  }
})
process.send!({ id: 0, value: baseUrl })
