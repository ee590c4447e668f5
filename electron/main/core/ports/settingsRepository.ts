/**
 * Where the settings text lives (a JSON file in the user-data folder in production). The
 * service does the parsing, validation and migration; a repository only moves text.
 */
export interface SettingsRepository {
  /** The stored text, or null when nothing was ever saved. Rejects when the file exists but cannot be read. */
  load(): Promise<string | null>
  /** Replaces the stored text atomically: a crash leaves the old text or the new, never a mix. */
  save(text: string): Promise<void>
  /** Renames the stored text to a backup (`<name>.<suffix>`) so nothing is stored any more; resolves to where it went. */
  moveAside(suffix: string): Promise<string>
  /** Copies the stored text to a backup (`<name>.<suffix>`), leaving it in place; resolves to where the copy is. */
  copyAside(suffix: string): Promise<string>
}
