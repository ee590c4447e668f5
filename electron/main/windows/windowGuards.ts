import type { Session, WebContents } from 'electron'
import { electronDesktopActions } from '../platform/electronDesktopActions'
import { isNavigationAllowed, isPermissionAllowed } from './securityPolicy'

/**
 * Applies the security policy to a session and to each new page: no navigation away, no new
 * windows (https links go to the OS browser), deny-by-default permissions.
 * See https://www.electronjs.org/docs/latest/tutorial/security.
 */
export function guardSession(session: Session, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(
      isPermissionAllowed(
        {
          permission,
          requestingOrigin: details.requestingUrl,
          isMainFrame: details.isMainFrame,
          mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
        },
        trustedOrigins,
      ) && webContents.getURL() !== '',
    )
  })
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      { permission, requestingOrigin, isMainFrame: details.isMainFrame, mediaTypes: details.mediaType ? [details.mediaType] : undefined },
      trustedOrigins,
    ),
  )
  session.setDevicePermissionHandler(() => false)
}

/** Blocks navigation, new windows and webviews for one page. */
export function guardContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, trustedOrigins)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, trustedOrigins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // The adapter opens only what isSafeExternalUrl allows; anything else is simply not opened.
    void electronDesktopActions.openInBrowser(url).catch(() => undefined)
    return { action: 'deny' }
  })
}
