import type { Translate } from './i18n/translate'

/**
 * The Live config fields (LiveConnectConfig names, as the token service's `lockedFields` lists
 * them: shared/tokenServiceWire.ts) that the catalogue words under `settings.key.lockedField`.
 */
const WORDED_FIELDS = new Set([
  'model',
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'seed',
  'systemInstruction',
  'responseModalities',
  'speechConfig',
  'realtimeInputConfig',
  'inputAudioTranscription',
  'outputAudioTranscription',
  'contextWindowCompression',
  'sessionResumption',
  'tools',
  'proactivity',
  'enableAffectiveDialog',
  'mediaResolution',
  'thinkingConfig',
])

/**
 * What the organisation fixed, in the UI language of `t`, listed by `Intl.ListFormat` for `locale`:
 * the model first with its id (`settings.key.lockedModel`), each known field by its catalogue
 * name, and a field the catalogue does not know as "setting “<name>”" (`settings.key.lockedField.other`).
 */
export function lockedFieldWords(fields: readonly string[], lockedModel: string | null, t: Translate, locale: string): string {
  const words = fields.map((field) => {
    if (field === 'model' && lockedModel) return t('settings.key.lockedModel', { model: lockedModel })
    return WORDED_FIELDS.has(field) ? t(`settings.key.lockedField.${field}`) : t('settings.key.lockedField.other', { name: field })
  })
  return new Intl.ListFormat(locale, { type: 'unit' }).format(words)
}
