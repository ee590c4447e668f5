import { pcmDurationMs } from './audio'
import type { FakeLiveScript } from './fakeLiveTypes'

/** A typed question that names this tool gets a `toolCall` for it first (so `npm run test:live` can run against the fake). */
const CALLED_TOOL = 'get_current_time'

/**
 * The default behaviour (and `npm run fake-live`'s): a spoken question gets a short transcript
 * of what was "heard" and about a second of speech-like 24 kHz audio with its transcript; typed
 * text gets a text reply (or audio, when the session asked for audio); typed text naming
 * `get_current_time` first calls that tool and waits for the answer.
 */
export const friendlyScript: FakeLiveScript = {
  async onTurn(connection, turn) {
    const modalities = (connection.setup?.generationConfig as { responseModalities?: string[] } | undefined)?.responseModalities
    const isText = modalities?.[0] === 'TEXT'
    const heard = turn.text
      ? undefined
      : `(${Math.round(pcmDurationMs(turn.audioBytes))} ms of speech${turn.videoFrames ? ` and ${turn.videoFrames} screen frames` : ''})`
    let answer = turn.text ? `You said: ${turn.text}` : 'I heard you. This is the fake Live server answering.'
    if (turn.text.includes(CALLED_TOOL)) {
      const [id] = await connection.toolCall([{ name: CALLED_TOOL, args: {} }])
      const result = await connection.waitForToolResponse(id!, 30_000)
      answer = `The tool said: ${JSON.stringify(result.response ?? {})}`
    }
    await connection.reply(
      isText
        ? { inputTranscript: heard, text: answer.match(/.{1,24}(\s|$)/g) ?? [answer] }
        : { inputTranscript: heard, audio: { ms: 1000 }, outputTranscript: answer.split(/(?<=\s)/), chunkDelayMs: 20 },
    )
  },
}
