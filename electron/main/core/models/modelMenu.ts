import type { ModelMenuPayload } from '../../../../shared/ipcContract'
import type { ModelMenu } from './modelDiscovery'

/** The model menu as the page gets it: ids, names and families only (the page derives each profile from the shared catalogue). */
export function toModelMenu(menu: ModelMenu): ModelMenuPayload {
  return {
    source: menu.source,
    fetchedAt: menu.fetchedAt,
    models: menu.models.map((m) => ({ id: m.id, label: m.label, isPreview: m.isPreview, family: m.family })),
  }
}
