/** Asks the user where a file goes and writes it; resolves with the path, or null when they cancelled. */
export interface FileSaver {
  saveAs(defaultName: string, bytes: Uint8Array): Promise<string | null>
}
