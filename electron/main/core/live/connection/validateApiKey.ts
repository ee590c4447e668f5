import { describeModel, isRetiredModel, RECOMMENDED_MODEL_ID } from '../../../../../shared/modelCatalogue'
import type { Settings } from '../../../../../shared/settings'
import type { Clock, LiveTransport, TimerHandle } from '../../ports'
import { classifyClose } from '../recovery/closeCodes'
import { buildLiveConfig } from './liveConfig'
import { LiveTransportError } from '../liveErrors'
import { CodedError } from '../../../../../shared/codedError'

/** The key itself was refused (close 1007 "API key not valid…" and friends). */
export class ApiKeyRejectedError extends CodedError<'INVALID_API_KEY'> {
  constructor(readonly closeCode: number | null, message: string) {
    super('INVALID_API_KEY', message, { params: closeCode === null ? {} : { closeCode } })
  }
}

/**
 * Checks a key with the Live API before it is kept: opens one connection with the user's setup
 * and closes it as soon as the server said `setupComplete`. Rejects with {@link ApiKeyRejectedError}
 * when the key is refused, with the transport's {@link LiveTransportError} for anything else
 * (including no answer within `timeoutMs`, 15 s by default, timed on `clock`).
 */
export async function validateApiKey(
  transport: LiveTransport,
  key: string,
  settings: Settings,
  options: { clock: Clock; timeoutMs?: number },
): Promise<void> {
  const clock = options.clock
  const timeoutMs = options.timeoutMs ?? 15_000
  // A retired model would be refused for reasons that say nothing about the key.
  const model = describeModel(isRetiredModel(settings.model) ? RECOMMENDED_MODEL_ID : settings.model)
  const { config, apiVersion } = buildLiveConfig(settings, model)
  const noop = () => {}
  const attempt = transport.connect({ apiKey: key, model: model.id, apiVersion, config }, { onMessage: noop, onClose: noop, onError: noop })
  let timer: TimerHandle | null = null
  const deadline = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => reject(new LiveTransportError(null, `no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    const connection = await Promise.race([attempt, deadline])
    connection.close()
  } catch (error) {
    attempt.then((late) => late.close(), () => {})
    if (error instanceof LiveTransportError && classifyClose(error.closeCode, error.reason).kind === 'badKey') {
      throw new ApiKeyRejectedError(error.closeCode, 'Google did not accept this API key.')
    }
    throw error
  } finally {
    if (timer) clock.clearTimeout(timer)
  }
}
