import type { SettingsRepository } from '../../../electron/main/core/ports'

/** Settings text in memory, with the backups it was asked to keep and switchable failures. */
export class InMemorySettingsRepository implements SettingsRepository {
  backups = new Map<string, string>()
  saves: string[] = []
  failLoad: Error | null = null
  failSave: Error | null = null

  constructor(public text: string | null = null) {}

  async load(): Promise<string | null> {
    if (this.failLoad) throw this.failLoad
    return this.text
  }

  async save(text: string): Promise<void> {
    if (this.failSave) throw this.failSave
    this.saves.push(text)
    this.text = text
  }

  async moveAside(suffix: string): Promise<string> {
    const name = this.copy(suffix)
    this.text = null
    return name
  }

  async copyAside(suffix: string): Promise<string> {
    return this.copy(suffix)
  }

  private copy(suffix: string): string {
    if (this.text === null) throw Object.assign(new Error('no file'), { code: 'ENOENT' })
    const name = `settings.json.${suffix}`
    this.backups.set(name, this.text)
    return name
  }
}
