import type { ToolActivity } from '../../../shared/ipcContract'
import type { Translate } from '../../../shared/i18n/translate'

/**
 * A one-line note for the transcript where a tool's result reads better as words, in the UI
 * language of `t`: "pointed at: Save" for `point_at` (catalogue `transcript.pointedAt`).
 */
export function toolNote(activity: ToolActivity, t: Translate): string | null {
  if (activity.name !== 'point_at' || activity.status !== 'answered') return null
  const result = activity.result as { pointedAt?: unknown } | undefined
  return typeof result?.pointedAt === 'string' ? t('transcript.pointedAt', { target: result.pointedAt }) : null
}
