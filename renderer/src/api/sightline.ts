import type { SightlineApi } from '../../../shared/ipcContract'

/**
 * The only module that touches the bridge. In the app the preload defines `window.sightline`;
 * in the browser harness a same-origin script defines it over a WebSocket before this runs.
 */
export function getSightline(): SightlineApi {
  const api = window.sightline
  if (!api) throw new Error('Sightline bridge missing: open the app through Electron or `npm run dev:web`.')
  return api
}
