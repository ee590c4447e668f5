import { AccessCodes } from './accessCodes'
import { GenaiTokenMinter } from './genaiTokenMinter'
import { createRateLimits } from './rateLimits'
import { readTokenServiceConfig } from './tokenServiceConfig'
import { TokenServer } from './tokenServer'

/**
 * `npm run token-service`: the Sightline token service (see the README, "Run it for your
 * team"). Prints its URL alone on one line, then one JSON log line per request.
 */
let config
try {
  config = readTokenServiceConfig(process.env)
} catch (error) {
  console.error(`token-service: ${(error as Error).message}`)
  process.exit(2)
}
const server = new TokenServer({
  host: config.host,
  port: config.port,
  accessCodes: new AccessCodes(config.accessCodes),
  minter: new GenaiTokenMinter(config),
  limits: createRateLimits({
    mintsPerWindow: config.rateLimit,
    failedAuthsPerWindow: config.failedAuthLimit,
    windowSeconds: config.rateWindowSeconds,
    redisUrl: config.redisUrl,
  }),
  model: config.model,
  lockedFields: ['model', ...Object.keys(config.liveConfig)],
  autoUpdate: config.autoUpdate,
  trustProxy: config.trustProxy,
})
try {
  console.log(await server.start())
} catch (error) {
  console.error(`token-service: cannot listen on ${config.host}:${config.port} (${(error as Error).message})`)
  process.exit(1)
}

const shutdown = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
