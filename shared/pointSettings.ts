import { z } from 'zod'

/** Point and ask (issue 15): how the pointer and the assistant's pointing show. */
export const pointSettingsSchema = z.object({
  /** Draw a ring where the mouse pointer is in every screen frame the model sees. */
  pointerRing: z.boolean(),
  /** "Ask about the selection": copies the selected text and listens for the question (an Electron accelerator). */
  selectionHotkey: z.string().min(1).max(100),
  /** While a whole screen is shared, share the one under the mouse pointer instead (switching after about a second). */
  followPointer: z.boolean(),
})
export type PointSettings = z.infer<typeof pointSettingsSchema>

export const DEFAULT_POINT_SETTINGS: PointSettings = { pointerRing: true, selectionHotkey: 'CommandOrControl+Shift+K', followPointer: false }
