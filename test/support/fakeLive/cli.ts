import { FakeLiveServer } from './fakeLiveServer'

/**
 * `npm run fake-live`: a fake Gemini Live server for trying the app without Google.
 * FAKE_LIVE_PORT picks the port (default: any free one); FAKE_LIVE_KEY is the only key accepted
 * (default: any non-empty key without "bad" in it). FAKE_LIVE_REAL_TIMING=1 paces replies as Google
 * does (audio about 4× real time, `turnComplete` after the playback time, no handle before the
 * first turn: wire samples u05, u13). Runs until killed.
 */
const port = Number(process.env.FAKE_LIVE_PORT ?? 0)
const acceptedKey = process.env.FAKE_LIVE_KEY
const isRealTiming = process.env.FAKE_LIVE_REAL_TIMING === '1'
const server = new FakeLiveServer({
  realTiming: isRealTiming,
  handlesAfterFirstTurn: isRealTiming,
  port: Number.isInteger(port) && port >= 0 ? port : 0,
  ...(acceptedKey && { acceptKey: (key: string) => key === acceptedKey }),
})
const baseUrl = await server.start()
console.log(`fake Live server listening: ${baseUrl}`)
console.log(`point the app at it with GOOGLE_GEMINI_BASE_URL=${baseUrl}`)

const shutdown = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
