import { z } from 'zod'
import type { ManagedStatus } from '../../../../shared/ipcContract'
import type { TokenServiceAnswer } from '../../../../shared/tokenServiceWire'
import { SecretStoreUnavailableError, type Logger, type SecretStore } from '../ports'
import { CredentialsError } from './credentialsError'
import { normaliseServiceAddress } from './tokenServiceClient'

/** Where the organisation's token service is and the code that opens it. */
export interface ManagedConfig {
  service: string
  accessCode: string
}

/** Environment variables that put Sightline in managed mode for one run (like GEMINI_API_KEY for a key). */
export const TOKEN_SERVICE_ENV_VAR = 'SIGHTLINE_TOKEN_SERVICE'
export const ACCESS_CODE_ENV_VAR = 'SIGHTLINE_ACCESS_CODE'

const storedSchema = z.object({ service: z.string(), accessCode: z.string() })

/**
 * Managed mode's setup: the service address and access code, from the environment
 * (`SIGHTLINE_TOKEN_SERVICE` + `SIGHTLINE_ACCESS_CODE`, for that run) or else from the OS
 * keychain, where both are kept together as one secret (the code is a credential like a key).
 * Also remembers what the service locked in its last token, for Settings.
 */
export class ManagedSetup {
  private lastAnswer: TokenServiceAnswer | null = null
  private stored: ManagedConfig | null = null
  private isStoredRead = false

  constructor(
    private readonly deps: {
      store: SecretStore
      env: Readonly<Record<string, string | undefined>>
      logger?: Logger
      /** Proves a config works (a token, then a Live session) before it is kept; rejects otherwise. */
      validate: (config: ManagedConfig) => Promise<void>
    },
  ) {}

  /** The config in force, or null when Sightline is not managed. Environment first. */
  async config(): Promise<ManagedConfig | null> {
    const service = this.deps.env[TOKEN_SERVICE_ENV_VAR]?.trim()
    const accessCode = this.deps.env[ACCESS_CODE_ENV_VAR]?.trim()
    if (service && accessCode) return { service, accessCode }
    if (!this.isStoredRead) {
      try {
        const raw = await this.deps.store.getKey()
        const parsed = raw ? storedSchema.safeParse(JSON.parse(raw)) : null
        this.stored = parsed?.success ? parsed.data : null
      } catch (error) {
        if (!(error instanceof SecretStoreUnavailableError)) this.deps.logger?.warn('could not read the managed setup from the keychain', { error })
        this.stored = null
      }
      this.isStoredRead = true
    }
    return this.stored
  }

  /** Checks the address and code with the service and Gemini, then keeps them in the keychain. */
  async save(config: ManagedConfig): Promise<ManagedStatus> {
    const checked = { service: normaliseServiceAddress(config.service), accessCode: config.accessCode.trim() }
    await this.deps.validate(checked)
    try {
      await this.deps.store.setKey(JSON.stringify(checked))
    } catch (error) {
      throw new CredentialsError(
        { code: 'KEYCHAIN_UNAVAILABLE', message: 'The access code could not be kept in the keychain, so Sightline cannot remember it.' },
        false,
        { cause: error },
      )
    }
    this.stored = checked
    this.isStoredRead = true
    return this.status()
  }

  /** Leaves managed mode (the keychain entry is removed; the environment still wins if set). */
  async clear(): Promise<ManagedStatus> {
    await this.deps.store.deleteKey().catch((error: unknown) => this.deps.logger?.warn('could not remove the managed setup from the keychain', { error }))
    this.stored = null
    this.isStoredRead = true
    this.lastAnswer = null
    return this.status()
  }

  /** The access code in force (for log redaction only); never sent anywhere but the service. */
  knownSecrets(): string[] {
    const fromEnv = this.deps.env[ACCESS_CODE_ENV_VAR]?.trim()
    return [fromEnv, this.stored?.accessCode].filter((code): code is string => Boolean(code))
  }

  /** Called with every token the service gives, so Settings can show what it locked. */
  noteAnswer(answer: TokenServiceAnswer): void {
    this.lastAnswer = answer
  }

  /** The model the organisation locked, as of the last token; null when unknown or not managed. */
  get lockedModel(): string | null {
    return this.lastAnswer?.constraints.model ?? null
  }

  /** The organisation's update policy as of the last token; null until a token said. */
  get autoUpdatePolicy(): boolean | null {
    return this.lastAnswer?.policy.autoUpdate ?? null
  }

  /** What the renderer may know: never the access code. */
  async status(): Promise<ManagedStatus> {
    const config = await this.config()
    const fromEnv = Boolean(this.deps.env[TOKEN_SERVICE_ENV_VAR]?.trim() && this.deps.env[ACCESS_CODE_ENV_VAR]?.trim())
    return {
      isManaged: config !== null,
      service: config?.service ?? null,
      source: config === null ? 'none' : fromEnv ? 'environment' : 'keychain',
      lockedModel: this.lastAnswer?.constraints.model ?? null,
      lockedFields: this.lastAnswer?.constraints.lockedFields ?? [],
      autoUpdate: this.lastAnswer?.policy.autoUpdate ?? null,
    }
  }
}
