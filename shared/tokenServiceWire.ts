import { z } from 'zod'

/**
 * What `POST /token` on the Sightline token service answers (services/token-service): one
 * single-use ephemeral token (live-protocol.md §7) and what the organisation locked in it.
 * The only code the desktop app and the service share.
 */
export const tokenServiceAnswerSchema = z.object({
  /** `auth_tokens/…`: passed to the SDK as its apiKey, which then dials BidiGenerateContentConstrained (§1.1). */
  name: z.string().regex(/^auth_tokens\/[\w-]+$/),
  /** ISO time after which messages on a session opened with the token are rejected (§7.2). */
  expireTime: z.iso.datetime(),
  /** ISO time after which the token opens no new session (§7.2). */
  newSessionExpireTime: z.iso.datetime(),
  /** The API version the token is valid on: ephemeral tokens need v1alpha (§1.1, §7.3). */
  apiVersion: z.literal('v1alpha'),
  constraints: z.object({
    /** The model the token is locked to (bare id, no `models/`). */
    model: z.string().min(1),
    /** Live config fields (LiveConnectConfig names) the organisation fixed; the server overrides them (§7.3). */
    lockedFields: z.array(z.string()),
  }),
  policy: z.object({
    /** false: the organisation turned automatic updates off. */
    autoUpdate: z.boolean(),
  }),
})
export type TokenServiceAnswer = z.infer<typeof tokenServiceAnswerSchema>

/** The error body of every non-2xx answer of the token service. */
export const tokenServiceErrorSchema = z.object({ error: z.string() })

/** Access codes are printable ASCII without spaces (no control characters), 8–256 long. */
export const ACCESS_CODE_PATTERN = /^[\x21-\x7e]{8,256}$/
