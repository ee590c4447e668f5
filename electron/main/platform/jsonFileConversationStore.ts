import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import type { ConversationStore, Logger, StoredConversation } from '../core/ports'
import { silentLogger } from './pinoLogger'

/** The conversation file's name inside the user-data folder. */
export const CONVERSATION_FILE_NAME = 'conversation.json'

/** Bounds on what is read back, so an edited or corrupt file cannot flood the engine. */
const MAX_LINES = 64
const MAX_LINE_CHARS = 4_000

const storedSchema = z.object({
  version: z.literal(1),
  modelId: z.string().min(1).max(200),
  handle: z.string().min(1).max(4_096).nullable(),
  lastConnectedAt: z.number().finite(),
  transcript: z.array(z.object({ role: z.enum(['user', 'model']), text: z.string().max(MAX_LINE_CHARS) })).max(MAX_LINES),
})

export interface JsonFileConversationStoreOptions {
  /** The app's user-data folder (`app.getPath('userData')` in production). */
  directory: string
  fileName?: string
  logger?: Logger
}

/**
 * The conversation kept across an app restart, as a JSON file in the user-data folder: the
 * resumption handle, its time and the bounded transcript, never the key. Saves go through
 * write-file-atomic (temporary file, fsync, rename), readable by the user only; a file that
 * cannot be read or does not fit the schema counts as no conversation.
 */
export class JsonFileConversationStore implements ConversationStore {
  /** The file's full path. */
  readonly path: string
  private readonly directory: string
  private readonly logger: Logger

  constructor(options: JsonFileConversationStoreOptions) {
    this.directory = options.directory
    this.path = join(options.directory, options.fileName ?? CONVERSATION_FILE_NAME)
    this.logger = options.logger ?? silentLogger
  }

  async load(): Promise<StoredConversation | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn('conversation file unreadable', { error })
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
      this.logger.warn('conversation file does not fit the schema; ignored', { issues: parsed.error.issues.length })
      return null
    }
    const { modelId, handle, lastConnectedAt, transcript } = parsed.data
    return { modelId, handle, lastConnectedAt, transcript }
  }

  async save(conversation: StoredConversation): Promise<void> {
    const { modelId, handle, lastConnectedAt, transcript } = conversation
    const text = JSON.stringify({ version: 1, modelId, handle, lastConnectedAt, transcript }, null, 2)
    await mkdir(this.directory, { recursive: true })
    await writeFileAtomic(this.path, `${text}\n`, { encoding: 'utf8', fsync: true, mode: 0o600 })
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true })
  }
}
