import { z } from 'zod'
import { toDisposable, type Disposable } from '../lifecycle'
import { describeModel } from '../../../../shared/modelCatalogue'
import { DEFAULT_SETTINGS, applySettingsPatch, settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../../../shared/settings'
import type { Logger } from '../ports'
import type { ErrorParams } from '../../../../shared/ipcContract'
import { migrateSettings, NotSettingsError, type SettingsMigration } from './migrateSettings'
import { SettingsError, settingsErrorFromIssues } from './settingsError'
import type { SettingsRepository } from '../ports'
import { assertNever } from '../../../../shared/assertNever'

/** The catalogue entry (`errors.<code>`) that words a {@link SettingsNotice}. */
export type SettingsNoticeCode =
  | 'SETTINGS_CORRUPT'
  | 'SETTINGS_UNREADABLE'
  | 'SETTINGS_INVALID_VALUES'
  | 'SETTINGS_MIGRATED'
  | 'SETTINGS_MODEL_REPLACED'
  | 'SETTINGS_NEWER_VERSION'
  | 'SETTINGS_SAVE_FAILED_AT_START'

/** Something about the stored settings the user should be told once, at startup. */
export interface SettingsNotice {
  kind: 'corrupt' | 'unreadable' | 'invalid-values' | 'migrated' | 'newer-version' | 'save-failed'
  /** What the user is shown: a catalogue code and its params (backupPath, resetFields, the model move, dropped options). */
  code: SettingsNoticeCode
  params: ErrorParams
  /** The same in English, for the log. */
  message: string
  /** Where the original file was kept, when it was. */
  backupPath: string | null
  /** Settings that fell back to their default because their stored value could not be used. */
  resetFields: string[]
}

/** Called after every saved change with the new and the previous settings. */
export type SettingsListener = (settings: Settings, previous: Settings) => void

export interface SettingsServiceOptions {
  repository: SettingsRepository
  /** For backup names; injectable so tests name files predictably. */
  now?: () => number
  logger?: Logger
  /** What a missing, corrupt or partly invalid file falls back to (per platform); DEFAULT_SETTINGS when omitted. */
  defaults?: Settings
}

/**
 * The user's settings: loaded once, validated by the shared schema on every load and save,
 * migrated from other versions, saved atomically through a {@link SettingsRepository}.
 *
 * Loading never fails: a corrupt, unreadable or foreign file is kept aside, defaults (or the
 * values that could be salvaged) are used, and a {@link SettingsNotice} says what happened.
 */
export class SettingsService {
  private current: Settings
  private readonly listeners = new Set<SettingsListener>()
  private readonly startupNotices: SettingsNotice[]
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly repository: SettingsRepository,
    private readonly logger: Logger | undefined,
    loaded: Settings,
    notices: SettingsNotice[],
  ) {
    this.current = loaded
    this.startupNotices = notices
  }

  /** Loads the stored settings (or defaults) and returns a ready service. */
  static async open(options: SettingsServiceOptions): Promise<SettingsService> {
    const now = options.now ?? Date.now
    const { settings, notices } = await loadSettings(options.repository, stamp(now()), options.logger, options.defaults ?? DEFAULT_SETTINGS)
    return new SettingsService(options.repository, options.logger, settings, notices)
  }

  /** The settings in force. */
  get(): Settings {
    return this.current
  }

  /** What happened to the stored file at startup, for the UI to tell the user; empty when nothing did. */
  notices(): readonly SettingsNotice[] {
    return this.startupNotices
  }

  /**
   * Applies a partial change, validates the result, saves it and tells listeners. Throws a
   * {@link SettingsError} naming each bad field (`INVALID_SETTINGS`), or `SETTINGS_SAVE_FAILED`
   * when the file could not be written, in which case nothing changes.
   */
  update(patch: SettingsPatch): Promise<Settings> {
    // One change at a time, each on top of the last, so two quick changes cannot undo each other.
    const result = this.queue.then(() => this.applyNow(patch))
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Listens for saved changes until the returned Disposable is disposed. */
  onChange(listener: SettingsListener): Disposable {
    // Wrapped, so one function subscribed twice is two subscriptions.
    const entry: SettingsListener = (next, previous) => listener(next, previous)
    this.listeners.add(entry)
    return toDisposable(() => this.listeners.delete(entry))
  }

  /** How many listeners are subscribed (the composition leak test counts these). */
  get listenerCount(): number {
    return this.listeners.size
  }

  private async applyNow(patch: SettingsPatch): Promise<Settings> {
    const parsedPatch = settingsPatchSchema.safeParse(patch)
    if (!parsedPatch.success) throw settingsErrorFromIssues(parsedPatch.error)
    let next: Settings
    try {
      next = applySettingsPatch(this.current, parsedPatch.data)
    } catch (error) {
      if (error instanceof z.ZodError) throw settingsErrorFromIssues(error)
      throw error
    }
    const previous = this.current
    if (JSON.stringify(next) === JSON.stringify(previous)) return previous
    try {
      await this.repository.save(serialize(next))
    } catch (error) {
      this.logger?.error('settings save failed', { error })
      throw new SettingsError('SETTINGS_SAVE_FAILED', `Your settings could not be saved: ${describeIoError(error)}`, [], {
        cause: error,
      })
    }
    this.current = next
    for (const listener of this.listeners) {
      try {
        listener(next, previous)
      } catch (error) {
        this.logger?.error('settings listener failed', { error })
      }
    }
    return next
  }
}

/** The file's text for a settings object: validated again on the way out, pretty for hand-editing. */
function serialize(settings: Settings): string {
  return `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`
}

async function loadSettings(
  repository: SettingsRepository,
  when: string,
  logger: Logger | undefined,
  fallback: Settings,
): Promise<{ settings: Settings; notices: SettingsNotice[] }> {
  const defaults = (): Settings => structuredClone(fallback)
  let text: string | null
  try {
    text = await repository.load()
  } catch (error) {
    logger?.warn('settings file unreadable', { error })
    const backupPath = await tryMoveAside(repository, `unreadable-${when}`, logger)
    return {
      settings: defaults(),
      notices: [
        {
          kind: 'unreadable',
          code: 'SETTINGS_UNREADABLE',
          params: backupPath ? { backupPath } : {},
          message:
            `Your settings file could not be opened (${describeIoError(error)}), so Sightline is using default settings.` +
            (backupPath ? ` The file was kept as ${backupPath}.` : ''),
          backupPath,
          resetFields: [],
        },
      ],
    }
  }
  if (text === null) return { settings: defaults(), notices: [] }

  let migration: SettingsMigration
  try {
    migration = migrateSettings(JSON.parse(text), fallback)
  } catch (error) {
    if (!(error instanceof SyntaxError) && !(error instanceof NotSettingsError)) throw error
    logger?.warn('settings file corrupt', { error: error.message })
    const backupPath = await tryMoveAside(repository, `corrupt-${when}`, logger)
    return {
      settings: defaults(),
      notices: [
        {
          kind: 'corrupt',
          code: 'SETTINGS_CORRUPT',
          params: backupPath ? { backupPath } : {},
          message:
            'Your settings file was damaged, so Sightline started with default settings.' +
            (backupPath ? ` The damaged file was kept as ${backupPath}.` : ''),
          backupPath,
          resetFields: [],
        },
      ],
    }
  }

  const { settings, kind, fromVersion, resetFields, replacedModel } = migration
  if (kind === 'current' && resetFields.length === 0 && !replacedModel) return { settings, notices: [] }

  const suffix = kind === 'current' ? `invalid-${when}` : `v${fromVersion}-${when}`
  let backupPath: string | null
  try {
    backupPath = await repository.copyAside(suffix)
  } catch (error) {
    // Without a copy, overwriting the original could lose what this version did not understand.
    logger?.error('settings backup failed; leaving the file as it is', { error })
    return { settings, notices: [notice(migration, null)] }
  }
  const notices = [notice(migration, backupPath)]
  try {
    await repository.save(serialize(settings))
  } catch (error) {
    logger?.error('saving migrated settings failed', { error })
    notices.push({
      kind: 'save-failed',
      code: 'SETTINGS_SAVE_FAILED_AT_START',
      params: {},
      message: `Your settings could not be saved (${describeIoError(error)}); changes may not last after Sightline quits.`,
      backupPath: null,
      resetFields: [],
    })
  }
  return { settings, notices }
}

function notice(migration: SettingsMigration, backupPath: string | null): SettingsNotice {
  const { kind, fromVersion, resetFields } = migration
  const kept = backupPath ? ` The original file was kept as ${backupPath}.` : ''
  const reset =
    (resetFields.length ? ` These settings had values that cannot be used and were reset to their defaults: ${resetFields.join(', ')}.` : '') +
    modelChange(migration)
  const params = noticeParams(migration, backupPath)
  switch (kind) {
    case 'older':
      return {
        kind: 'migrated',
        code: 'SETTINGS_MIGRATED',
        params,
        message: `Your settings were updated from an older version of Sightline (settings version ${fromVersion}).${reset}${kept}`,
        backupPath,
        resetFields,
      }
    case 'newer':
      return {
        kind: 'newer-version',
        code: 'SETTINGS_NEWER_VERSION',
        params,
        message:
          `Your settings file was written by a newer version of Sightline (settings version ${fromVersion}). ` +
          `The settings this version understands were kept.${reset}${kept}`,
        backupPath,
        resetFields,
      }
    case 'current': {
      const isModelOnly = migration.replacedModel && !resetFields.length
      return {
        kind: isModelOnly ? 'migrated' : 'invalid-values',
        code: isModelOnly ? 'SETTINGS_MODEL_REPLACED' : 'SETTINGS_INVALID_VALUES',
        params,
        message: `${reset.trim()}${kept}`,
        backupPath,
        resetFields,
      }
    }
    default:
      return assertNever(kind, 'settings migration kind')
  }
}

/** What a migration notice's words need: the version, the backup, the reset fields, the model move and the options it turned off. */
function noticeParams({ fromVersion, resetFields, replacedModel, droppedOptions }: SettingsMigration, backupPath: string | null): ErrorParams {
  return {
    fromVersion,
    ...(backupPath ? { backupPath } : {}),
    ...(resetFields.length ? { resetFields: resetFields.join(', ') } : {}),
    ...(replacedModel ? { replacedFrom: replacedModel.from, replacedTo: replacedModel.to, replacedLabel: describeModel(replacedModel.to).label } : {}),
    ...(droppedOptions.length ? { droppedOptions: droppedOptions.join(', ') } : {}),
  }
}

/** The retired-model move and the options it turned off, in plain words for the log (empty when neither happened). */
function modelChange({ replacedModel, droppedOptions }: SettingsMigration): string {
  const moved = replacedModel
    ? ` Google no longer offers the model ${replacedModel.from}, so Sightline now uses ${describeModel(replacedModel.to).label} (${replacedModel.to}).`
    : ''
  const dropped = droppedOptions.length ? ` Turned off because the model does not take them: ${droppedOptions.join(', ')}.` : ''
  return moved + dropped
}

async function tryMoveAside(repository: SettingsRepository, suffix: string, logger: Logger | undefined): Promise<string | null> {
  try {
    return await repository.moveAside(suffix)
  } catch (error) {
    logger?.error('could not move the settings file aside', { error })
    return null
  }
}

/** A file-system-safe timestamp for backup names (no colons, for Windows). */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-')
}

function describeIoError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOSPC') return 'the disk is full'
  if (code === 'EISDIR') return 'it is a folder, not a file'
  if (code === 'EROFS') return 'the disk is read-only'
  return error instanceof Error ? error.message : 'unknown error'
}
