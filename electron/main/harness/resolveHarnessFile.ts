import { APP_HOST, APP_SCHEME, resolveAppFile } from '../windows/securityPolicy'

/** Maps a harness URL path to a file in the built renderer with the same traversal rules as app://. */
export function resolveHarnessFile(rendererDir: string, pathname: string): string | null {
  return resolveAppFile(rendererDir, `${APP_SCHEME}://${APP_HOST}${pathname}`)
}
