import { defineStore } from 'pinia'
import { computed, nextTick, shallowRef, ref } from 'vue'
import type { ModelMenuPayload } from '../../../shared/ipcContract'
import { describeModel, MODELS, type LiveModel } from '../../../shared/modelCatalogue'
import { fitSettingsToModel } from '../../../shared/modelOptions'
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../shared/settings'
import type { UiMessage } from '../../../shared/i18n/translate'
import { getSightline } from '../api/sightline'
import { unwrap, useAppStore } from './appStore'
import { useErrorStore } from './errorStore'
import { appliesNote, appliesWhen } from './settingsNotes'

/** Options a model switch turned off, worded by the view in the UI language (shared/modelOptions.ts droppedOptionsNote). */
export interface DroppedOptions {
  model: LiveModel
  options: UiMessage[]
}

/** What a save can fail with; one entry at most shows, and the next save replaces or clears it. */
const SAVE_FAILURES = ['SETTINGS_SAVE_FAILED', 'INVALID_SETTINGS'] as const

/** The settings as main holds them; every change goes through main and comes back validated. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<Settings | null>(null)
  const menu = shallowRef<ModelMenuPayload | null>(null)
  /** After a save: when it applies, as catalogue words, and the options a model switch turned off. */
  const note = ref<(UiMessage & { dropped: DroppedOptions | null }) | null>(null)
  const isSaving = ref(false)
  const errors = useErrorStore()

  /** The models on offer (from models.list in main, its cache, or the built-in profiles), each with its family's profile. */
  const models = computed<LiveModel[]>(() => (menu.value ? menu.value.models.map((m) => describeModel(m.id, m.label)) : [...MODELS]))
  /** In managed mode, the model the organisation's token service locked: every session runs with it, whatever was picked (assistant.ts sessionSettings). */
  const lockedModel = computed(() => useAppStore().managed?.lockedModel ?? null)
  /** The model sessions run with: the locked one, else the user's pick. */
  const modelId = computed(() => lockedModel.value ?? settings.value?.model ?? null)
  /** That model with its profile (a saved id not on offer still gets its family's, or the conservative, profile). */
  const model = computed(() => (modelId.value ? (models.value.find((m) => m.id === modelId.value) ?? describeModel(modelId.value)) : null))
  const isModelOffered = computed(() => !!modelId.value && models.value.some((m) => m.id === modelId.value))

  /** Reads the settings, and the model menu unless `models` is false (the call bar needs only the language). */
  async function load(options: { models?: boolean } = {}): Promise<void> {
    const withModels = options.models !== false
    const [result, listed] = await Promise.all([unwrap(getSightline().getSettings()), withModels ? unwrap(getSightline().listModels()) : null])
    if (result.error) errors.show(result.error, { retry: () => void load(options) })
    else settings.value = result.value
    if (listed && !listed.error) menu.value = listed.value
  }

  /** Follows changes made elsewhere (the tray, another window, a new model list); returns the unsubscribe. */
  function listen(options: { models?: boolean } = {}): () => void {
    const stopSettings = getSightline().onSettingsChanged((next) => {
      settings.value = next
    })
    const stopModels =
      options.models === false
        ? () => undefined
        : getSightline().onModelsChanged((next) => {
            menu.value = next
          })
    return () => {
      stopSettings()
      stopModels()
    }
  }

  /**
   * Saves a change; on success says when it applies (and what `dropped` turned off). A refusal is
   * one entry in the error list: an invalid value names its field (the `fields` param); any other
   * failure offers Retry, which sends this very change again. The next save replaces or clears it.
   */
  async function update(patch: SettingsPatch, dropped: DroppedOptions | null = null): Promise<boolean> {
    // The contract's own check, here first: a value it refuses (a 300-character app name, a 101st
    // entry) names its field, instead of coming back as the router's "request it could not read" with a Retry that cannot help.
    const checked = settingsPatchSchema.safeParse(patch)
    if (!checked.success) {
      for (const code of SAVE_FAILURES) errors.clear(code)
      const fields = [...new Set(checked.error.issues.map((issue) => issue.path.map(String).join('.') || '(settings)'))]
      errors.show({ code: 'INVALID_SETTINGS', message: checked.error.message, params: { fields: fields.join(', ') } })
      note.value = null
      await showMainsValues(patch)
      return false
    }
    isSaving.value = true
    const result = await unwrap(getSightline().updateSettings(patch))
    isSaving.value = false
    for (const code of SAVE_FAILURES) errors.clear(code)
    if (result.error) {
      // A value the schema refuses is fixed in the field it names; anything else may work a second time.
      errors.show(result.error, result.error.code === 'INVALID_SETTINGS' ? undefined : { retry: () => void update(patch, dropped) })
      note.value = null
      await showMainsValues(patch)
      return false
    }
    settings.value = result.value
    note.value = { ...appliesNote(appliesWhen(patch)), dropped }
    return true
  }

  /**
   * After a failed save, the inputs show main's values again, not the refused change: a box the
   * user unticked stays unticked in the DOM while the bound value never changed, because Vue patches
   * only what changed. So the view is first rendered with the attempted values (what the DOM already
   * shows), then with main's own (asked again, the local copy if that fails), which patches exactly
   * the inputs the refused change touched.
   */
  async function showMainsValues(attempted: SettingsPatch): Promise<void> {
    const current = settings.value
    if (!current) return
    settings.value = { ...current, ...attempted } as Settings
    await nextTick()
    const fresh = await unwrap(getSightline().getSettings())
    settings.value = fresh.error ? current : fresh.value
  }

  /** Switches models, turning off what the new one does not take, and says which options went. */
  function chooseModel(id: string): Promise<boolean> {
    const next = models.value.find((m) => m.id === id) ?? describeModel(id)
    const fit = fitSettingsToModel({ ...settings.value!, model: id }, next)
    return update({ model: id, ...fit.patch }, fit.droppedMessages.length ? { model: next, options: fit.droppedMessages } : null)
  }

  return { settings, menu, models, model, lockedModel, isModelOffered, note, isSaving, load, listen, update, chooseModel }
})
