import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import { ConversationRefusedError, type ConversationStore, type Logger, type SecretStore, type StoredConversation } from '../core/ports'
import { silentLogger } from './pinoLogger'

/** The keychain account the conversation file's HMAC secret is filed under (service `Sightline`, beside the API key's account). */
export const CONVERSATION_MAC_ACCOUNT = 'conversation-mac-secret'

/** The conversation file's name inside the user-data folder. */
export const CONVERSATION_FILE_NAME = 'conversation.json'

/** Bounds on what is read back, so an edited or corrupt file cannot flood the engine. */
const MAX_LINES = 64
const MAX_LINE_CHARS = 4_000

/** The file format: version 2 carries `mac`, an HMAC-SHA256 over the other fields. Version 1 files (unsigned) are refused. */
const FORMAT_VERSION = 2
/** A larger file is not read: 64 lines of 4,000 characters fit in well under this. */
const MAX_FILE_BYTES = 1024 * 1024

const payloadSchema = z.object({
  modelId: z.string().min(1).max(200),
  handle: z.string().min(1).max(4_096).nullable(),
  lastConnectedAt: z.number().finite(),
  transcript: z.array(z.object({ role: z.enum(['user', 'model']), text: z.string().max(MAX_LINE_CHARS) })).max(MAX_LINES),
})
const storedSchema = payloadSchema.extend({ version: z.literal(FORMAT_VERSION), mac: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) })

export interface JsonFileConversationStoreOptions {
  /** The app's user-data folder (`app.getPath('userData')` in production). */
  directory: string
  /**
   * Where the file's authentication secret lives: the OS keychain in production, under its own
   * account (never the API key's). Created on the first save; without it nothing is written.
   */
  macSecret: SecretStore
  fileName?: string
  logger?: Logger
}

/**
 * The conversation kept across an app restart, as a JSON file in the user-data folder: the
 * resumption handle, its time and the bounded transcript, never the key. The file is untrusted
 * input (issue 19 item 2): each save is authenticated with an HMAC-SHA256 whose secret lives in
 * the keychain, and a file that fails authentication (edited, planted, older format, or the secret
 * is gone) is refused with {@link ConversationRefusedError} so the user is told. Saves go through
 * write-file-atomic (temporary file, fsync, rename), readable by the user only; a file that cannot
 * be read or does not fit the schema counts as no conversation.
 */
export class JsonFileConversationStore implements ConversationStore {
  /** The file's full path. */
  readonly path: string
  private readonly directory: string
  private readonly logger: Logger
  private readonly macSecret: SecretStore

  constructor(options: JsonFileConversationStoreOptions) {
    this.directory = options.directory
    this.path = join(options.directory, options.fileName ?? CONVERSATION_FILE_NAME)
    this.logger = options.logger ?? silentLogger
    this.macSecret = options.macSecret
  }

  async load(): Promise<StoredConversation | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn('conversation file unreadable', { error })
      return null
    }
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
      this.logger.warn('conversation file is too large; ignored', { bytes: Buffer.byteLength(text) })
      return null
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      this.logger.warn('conversation file is not JSON; ignored')
      return null
    }
    const parsed = storedSchema.safeParse(json)
    if (!parsed.success) {
      const version = (json as { version?: unknown } | null)?.version
      if (version === 1) throw this.refuse('conversation file has no authentication (an older or hand-made file)')
      this.logger.warn('conversation file does not fit the schema; ignored', { issues: parsed.error.issues.length })
      return null
    }
    const { modelId, handle, lastConnectedAt, transcript, mac } = parsed.data
    const payload = { modelId, handle, lastConnectedAt, transcript }
    const secret = await this.secret(false)
    if (!secret) throw this.refuse('the secret that authenticates the conversation file is missing')
    const expected = Buffer.from(sign(secret, payload), 'base64')
    const given = Buffer.from(mac, 'base64')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw this.refuse('conversation file failed authentication')
    return payload
  }

  /** Writes the conversation with its HMAC; rejects (and writes nothing) when the keychain cannot hold the secret. */
  async save(conversation: StoredConversation): Promise<void> {
    const { modelId, handle, lastConnectedAt, transcript } = conversation
    const payload = { modelId, handle, lastConnectedAt, transcript }
    const secret = await this.secret(true)
    const text = JSON.stringify({ version: FORMAT_VERSION, ...payload, mac: sign(secret!, payload) }, null, 2)
    await mkdir(this.directory, { recursive: true })
    await writeFileAtomic(this.path, `${text}\n`, { encoding: 'utf8', fsync: true, mode: 0o600 })
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true })
  }

  /** The HMAC secret from the keychain; created (32 random bytes) when `create` and there is none. */
  private async secret(create: boolean): Promise<Buffer | null> {
    const stored = await this.macSecret.getKey()
    if (stored) return Buffer.from(stored, 'base64')
    if (!create) return null
    const fresh = randomBytes(32).toString('base64')
    await this.macSecret.setKey(fresh)
    return Buffer.from(fresh, 'base64')
  }

  private refuse(why: string): ConversationRefusedError {
    this.logger.warn('conversation file refused', { why })
    return new ConversationRefusedError(why)
  }
}

/** HMAC-SHA256 over the fields in a fixed order, base64. */
function sign(secret: Buffer, payload: StoredConversation): string {
  const { modelId, handle, lastConnectedAt, transcript } = payload
  const canonical = JSON.stringify([modelId, handle, lastConnectedAt, transcript.map((l) => [l.role, l.text])])
  return createHmac('sha256', secret).update(canonical).digest('base64')
}
