import { z } from 'zod'

/** The release channel the user picked (Settings); stable unless they chose beta. */
export const updatePreferencesSchema = z.object({ channel: z.enum(['stable', 'beta']) })
export type UpdatePreferences = z.infer<typeof updatePreferencesSchema>
export const UPDATE_PREFERENCES_DEFAULT: UpdatePreferences = { channel: 'stable' }

/** Where the choice is kept (a small JSON file in production). */
export interface UpdatePreferencesStore {
  load(): UpdatePreferences
  save(preferences: UpdatePreferences): Promise<void>
}
