/**
 * Size limits shared by the contract's schemas and the renderer. Kept apart from the contract so
 * the renderer can import them without pulling zod into its bundle.
 */

/** The longest single audio chunk the renderer may send: one second of 16 kHz PCM16. */
export const MAX_AUDIO_CHUNK_BYTES = 16_000 * 2
/** The largest frame the renderer may send: 4K RGBA. */
export const MAX_FRAME_PIXELS = 3840 * 2160
/** A typed message longer than this is refused rather than sent to the model. */
export const MAX_TEXT_CHARS = 8_000
