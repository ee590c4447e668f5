import type { FakeLiveConnection } from './fakeLiveConnection'

/** One frame on the wire, as the fake server saw or sent it. */
export interface RecordedFrame {
  /** Index of the connection (0 for the first the server accepted). */
  connection: number
  direction: 'in' | 'out'
  /** performance.now() when it was received or handed to the socket. */
  at: number
  isBinary: boolean
  text: string
  /** The decoded JSON, or undefined when the frame was not JSON. */
  json: unknown
}

/** A user turn the server considers finished. */
export interface UserTurn {
  /** Counts turns across every connection of the server-side session (resumes included). */
  index: number
  via: 'clientContent' | 'realtimeText' | 'activityEnd' | 'audioStreamEnd' | 'vad'
  text: string
  audioChunks: number
  audioBytes: number
  videoFrames: number
}

/** What a test (or the CLI) makes the server do. */
export interface FakeLiveScript {
  /** After `setupComplete` and the first resumption update. */
  onOpen?(connection: FakeLiveConnection): void | Promise<void>
  /** A user turn ended (typed text, push-to-talk release, end of speech, audio stream end). */
  onTurn?(connection: FakeLiveConnection, turn: UserTurn): void | Promise<void>
  /** Every client frame after `setup`, before the server's own handling. */
  onMessage?(connection: FakeLiveConnection, message: Record<string, unknown>): void
}

/** Google's pacing (wire sample u05): audio `speedUp`× faster than real time (default 4), `turnComplete` when playback would end. */
export interface RealTiming {
  speedUp?: number
}

/** A reply streamed as the real server does: content chunks, then generationComplete, turnComplete + usage, a handle. */
export interface ReplyScript {
  inputTranscript?: string
  /**
   * Where the user's transcription goes (u11): `first` (default), `afterOutput` (after the answer,
   * before the turn ends), or `afterTurnComplete` (late, {@link inputTranscriptDelayMs} after it).
   */
  inputTranscriptAt?: 'first' | 'afterOutput' | 'afterTurnComplete'
  /** Default 100 ms. */
  inputTranscriptDelayMs?: number
  /** Pace this reply as Google does (u05); the server's `realTiming` option sets it for every reply. */
  realTiming?: boolean | RealTiming
  /** Usage-only messages during the turn (u14): the first before any content, the rest spread over it. */
  interimUsage?: Record<string, unknown>[]
  /** `interrupted` after `turnComplete`, as when the user cut playback after the turn ended (u09 case 1). */
  lateInterrupted?: boolean
  /** A tool call after the audio, then `outputTranscription {finished}` and the last audio chunk of the same turn (u08). */
  midTurnToolCall?: { name: string; args?: Record<string, unknown> }
  thoughts?: string[]
  executableCode?: { language: string; code: string }
  codeResult?: { outcome: string; output: string }
  /** Model text, one chunk per entry. */
  text?: string | string[]
  /** 24 kHz PCM16 to stream, or a length of generated speech-like sound. */
  audio?: Uint8Array | { ms: number }
  /** Length of each audio chunk in ms (default 100). */
  audioChunkMs?: number
  /** Transcript of the spoken reply, spread over the audio chunks. */
  outputTranscript?: string | string[]
  grounding?: { queries: string[]; sources: { uri: string; title: string }[] }
  /** Pause between chunks (default 0: still yields, so client frames are read in between). */
  chunkDelayMs?: number
  /** Default true. */
  generationComplete?: boolean
  /** Default true; false leaves the turn open (e.g. to go silent mid-reply). */
  turnComplete?: boolean
  /** Usage sent with turnComplete; default: computed from the reply. */
  usage?: Record<string, unknown>
  /** Send a resumable handle after turnComplete (default true when the setup asked for resumption). */
  resumptionUpdate?: boolean
}

/** How a reply ended. */
export type ReplyOutcome = 'complete' | 'interrupted' | 'closed'
