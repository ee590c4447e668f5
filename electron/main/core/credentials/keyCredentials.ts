import type { Credentials } from '../ports'

/** Credentials that are only an API key (tests, and the app when no token service is set up). */
export function keyCredentials(getKey: () => Promise<string | null>): Credentials {
  return {
    forConnect: async () => {
      const key = await getKey()
      return key ? { kind: 'apiKey', value: key } : null
    },
  }
}
