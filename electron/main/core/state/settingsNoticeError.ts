import type { AppError } from '../../../../shared/ipcContract'
import type { SettingsNotice } from '../settings/settingsService'

/**
 * A startup notice about the settings file (recovered, migrated, kept aside) as a coded error:
 * `SETTINGS_<KIND>` with the backup path as a parameter; the page words it through
 * shared/errorMessages.ts, and `message` is the settings service's own English fallback.
 */
export function settingsNoticeError(notice: SettingsNotice): AppError {
  return {
    code: `SETTINGS_${notice.kind.toUpperCase().replace(/-/g, '_')}`,
    message: notice.message,
    params: notice.backupPath ? { backupPath: notice.backupPath } : {},
    action: notice.backupPath ? `Your previous file was kept at ${notice.backupPath}.` : null,
  }
}
