import type { AppError } from '../../../../shared/ipcContract'
import type { SettingsNotice } from '../settings/settingsService'

/**
 * A startup notice about the settings file (recovered, migrated, kept aside) as a coded error:
 * the notice's code and params (backup path, reset fields, the model move), worded by the edges
 * from the catalogue's `errors`; `message` is the settings service's English, for the log.
 */
export function settingsNoticeError(notice: SettingsNotice): AppError {
  return { code: notice.code, message: notice.message, params: notice.params }
}
