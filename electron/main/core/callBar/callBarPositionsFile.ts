import { z } from 'zod'
import { MAX_REMEMBERED_DISPLAYS, type CallBarPositions } from './callBarPlacement'

/** Where `call-bar.json` in the user-data folder keeps the bar's position per display id (desktop DIP). */
export const callBarPositionsFileSchema = z.object({
  positions: z
    .record(z.string().min(1).max(64), z.object({ x: z.number().int().min(-100_000).max(100_000), y: z.number().int().min(-100_000).max(100_000) }).strict())
    .refine((positions) => Object.keys(positions).length <= MAX_REMEMBERED_DISPLAYS, `at most ${MAX_REMEMBERED_DISPLAYS} displays`),
})
export type CallBarPositionsFile = { positions: CallBarPositions }

/** No position remembered yet: the bar starts at the top-right corner of the display it opens on. */
export const CALL_BAR_POSITIONS_DEFAULT: CallBarPositionsFile = { positions: {} }
