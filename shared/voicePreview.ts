import { z } from 'zod'

/** Ask for a voice's preview: a catalogue voice name (one word) and the UI locale (BCP-47). */
export const voicePreviewRequestSchema = z
  .object({
    voice: z.string().regex(/^[A-Za-z]{1,40}$/, 'a voice name is one word of letters'),
    locale: z.string().min(1).max(35),
  })
  .strict()

/**
 * A preview to play (mono 16-bit little-endian PCM at `sampleRate`, at most 30 s), or why there
 * is none: NO_KEY, OFFLINE, KEY_REFUSED, UNKNOWN_VOICE, FAILED, with words for the user.
 */
export const voicePreviewResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    fromCache: z.boolean(),
    sampleRate: z.number().int().min(8_000).max(48_000),
    pcm: z.instanceof(Uint8Array).refine((pcm) => pcm.byteLength <= 30 * 48_000 * 2, 'a preview is at most 30 s'),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['NO_KEY', 'OFFLINE', 'KEY_REFUSED', 'UNKNOWN_VOICE', 'FAILED']),
    message: z.string().max(1_000),
  }),
])
export type VoicePreviewResultWire = z.infer<typeof voicePreviewResultSchema>
