import { describe, expect, it } from 'vitest'
import { classifyClose } from '../../../electron/main/core/live/recovery/closeCodes'

describe('a model the server does not know is model-unavailable, whatever code it comes with (wire-samples/u04)', () => {
  it.each([
    [1008, 'models/gemini-2.0-flash-live-001 is not found for API version v1alpha, or is not supported for bidiGenerateContent. Call Li'],
    [1007, 'gemini-2.0-flash-exp is not supported in the live api.'],
    [1007, "Non-existing model: 'gemini-2.5-flash-preview-dialog' from Model Management Protoconf."],
  ])('%i "%s"', (code, reason) => {
    expect(classifyClose(code, reason)).toMatchObject({ kind: 'modelUnavailable', isRetryable: false, error: { code: 'MODEL_UNAVAILABLE' } })
  })

  it('TEXT on an audio-only model is a refused setting, not a missing model', () => {
    const reason = 'The requested combination of response modalities (TEXT) is not supported by the model. models/gemini-3.1-flash-live-preview'
    expect(classifyClose(1007, reason).kind).toBe('badArgument')
  })
})
