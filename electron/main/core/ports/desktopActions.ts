/** Desktop actions the local tools may take, each only after the user agreed. */
export interface DesktopActions {
  openInBrowser(url: string): Promise<void>
  writeClipboard(text: string): Promise<void>
}
