import { pcmDurationMs } from './audio'
import type { FakeLiveScript } from './fakeLiveTypes'

/**
 * The default behaviour (and `npm run fake-live`'s): a spoken question gets a short transcript
 * of what was "heard" and about a second of speech-like 24 kHz audio with its transcript; typed
 * text gets a text reply (or audio, when the session asked for audio).
 */
export const friendlyScript: FakeLiveScript = {
  async onTurn(connection, turn) {
    const modalities = (connection.setup?.generationConfig as { responseModalities?: string[] } | undefined)?.responseModalities
    const isText = modalities?.[0] === 'TEXT'
    const heard = turn.text
      ? undefined
      : `(${Math.round(pcmDurationMs(turn.audioBytes))} ms of speech${turn.videoFrames ? ` and ${turn.videoFrames} screen frames` : ''})`
    const answer = turn.text ? `You said: ${turn.text}` : 'I heard you. This is the fake Live server answering.'
    await connection.reply(
      isText
        ? { inputTranscript: heard, text: answer.match(/.{1,24}(\s|$)/g) ?? [answer] }
        : { inputTranscript: heard, audio: { ms: 1000 }, outputTranscript: answer.split(/(?<=\s)/), chunkDelayMs: 20 },
    )
  },
}
