import { z } from 'zod'
import { PointAt, PointAtRefused, POINT_LABEL_MAX } from '../screen/pointAt'
import { ToolError, type ToolDefinition } from './toolTypes'

const pointAtArgs = z.object({
  x: z.number().describe('Horizontal position, 0 (left edge) to 1000 (right edge) of the latest screen frame.'),
  y: z.number().describe('Vertical position, 0 (top edge) to 1000 (bottom edge) of the latest screen frame.'),
  label: z.string().min(1).max(200).describe(`What is there, in a few words (shown next to the marker; at most ${POINT_LABEL_MAX} characters are shown), e.g. "Save".`),
})

/**
 * `point_at`: shows the user where something is on their shared screen with a marker and a label
 * for about 4 s (issue 15, item 4). NON_BLOCKING where the model allows and answered at once,
 * SILENT: the marker is the answer, the model need not speak about the result. Never clicks.
 */
export function pointAtTool(pointAt: Pick<PointAt, 'point'>): ToolDefinition<z.infer<typeof pointAtArgs>> {
  return {
    name: 'point_at',
    description:
      'Points at something on the screen the user shares: shows a marker and a short label at x, y (0–1000 across the latest ' +
      'screen frame you saw) for a few seconds. Use it to show where to click or what you mean. It never clicks.',
    parameters: pointAtArgs,
    behavior: 'NON_BLOCKING',
    scheduling: 'SILENT',
    async run(args) {
      try {
        const { pointedAt } = pointAt.point(args)
        return { pointedAt }
      } catch (error) {
        if (error instanceof PointAtRefused) throw new ToolError(error.message)
        throw error
      }
    },
  }
}
