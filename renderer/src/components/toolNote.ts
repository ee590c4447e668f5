import type { ToolActivity } from '../../../shared/ipcContract'

/** A one-line note for the transcript where a tool's result reads better as words: "pointed at: Save" for `point_at`. */
export function toolNote(activity: ToolActivity): string | null {
  if (activity.name !== 'point_at' || activity.status !== 'answered') return null
  const result = activity.result as { pointedAt?: unknown } | undefined
  return typeof result?.pointedAt === 'string' ? `pointed at: ${result.pointedAt}` : null
}
