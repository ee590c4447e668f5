import { z } from 'zod'

/** Values a message template fills in (a hotkey, a file path, a model name); never a secret. */
export const errorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))
export type ErrorParams = z.infer<typeof errorParamsSchema>

/**
 * Something the user is told that is not a failure (a reconnect, a model switch, a restored
 * conversation), as data: the edges word `code` + `params` from the catalogue's `notices`
 * section, or from `errors` when the code is an error's (shared/i18n/describeError.ts).
 */
export const noticeSchema = z.object({ code: z.string().max(100), params: errorParamsSchema.optional() })
export type Notice = z.infer<typeof noticeSchema>
