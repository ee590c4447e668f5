import type { z } from 'zod'
import { CodedError } from '../../../../shared/codedError'

/** Why a settings operation was refused. */
export type SettingsErrorCode =
  /** A value the schema does not allow; `fields` names each one. */
  | 'INVALID_SETTINGS'
  /** The settings file could not be written; the previous settings stay in force. */
  | 'SETTINGS_SAVE_FAILED'

/** A typed failure from {@link SettingsService}, with a message that names the fields at fault. */
export class SettingsError extends CodedError<SettingsErrorCode> {
  /** Dotted paths of the settings at fault, e.g. `capture.framesPerSecond`. */
  readonly fields: readonly string[]

  constructor(code: SettingsErrorCode, message: string, fields: readonly string[] = [], options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, params: fields.length ? { fields: fields.join(', ') } : {} })
    this.fields = fields
  }
}

/** Turns a schema rejection into one plain sentence per problem, each naming the setting. */
export function settingsErrorFromIssues(error: z.ZodError): SettingsError {
  const fields: string[] = []
  const sentences: string[] = []
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = path ? `${path}.${key}` : key
        fields.push(field)
        sentences.push(`"${field}" is not a setting.`)
      }
      continue
    }
    const field = path || '(settings)'
    fields.push(field)
    sentences.push(`"${field}" is not valid: ${issue.message}.`)
  }
  return new SettingsError('INVALID_SETTINGS', sentences.join(' '), fields, { cause: error })
}
