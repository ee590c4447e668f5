import type { Credential, Credentials, Logger } from '../ports'
import type { ManagedSetup } from './managedSetup'
import { fetchServiceToken, type FetchLike } from './tokenServiceClient'

/**
 * The engine's credentials: managed mode when a token service is set up (a fresh single-use
 * token from it for every connect; no API key is read at all), else the user's API key.
 */
export class AppCredentials implements Credentials {
  constructor(
    private readonly deps: {
      managed: ManagedSetup
      getApiKey: () => Promise<string | null>
      fetch: FetchLike
      logger?: Logger
    },
  ) {}

  async forConnect(): Promise<Credential | null> {
    const config = await this.deps.managed.config()
    if (!config) {
      const key = await this.deps.getApiKey()
      return key ? { kind: 'apiKey', value: key } : null
    }
    const answer = await fetchServiceToken(config.service, config.accessCode, this.deps.fetch)
    this.deps.managed.noteAnswer(answer)
    // The token's name is a credential: only its expiry is logged.
    this.deps.logger?.info('token from the organisation\'s service', { service: config.service, expireTime: answer.expireTime, model: answer.constraints.model })
    return { kind: 'token', value: answer.name, apiVersion: answer.apiVersion }
  }

  /** The token service in force, for messages; null when not managed. */
  async serviceName(): Promise<string | null> {
    return (await this.deps.managed.config())?.service ?? null
  }
}
