import { defineStore } from 'pinia'
import { computed, shallowRef, ref } from 'vue'
import type { IpcError } from '../../../shared/ipcContract'
import { findModel } from '../../../shared/modelCatalogue'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { getSightline } from '../api/sightline'
import { unwrap } from './appStore'
import { appliesNote, appliesWhen } from './settingsNotes'

/** The settings as main holds them; every change goes through main and comes back validated. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<Settings | null>(null)
  const note = ref<string | null>(null)
  const error = ref<IpcError | null>(null)
  const isSaving = ref(false)

  const model = computed(() => (settings.value ? (findModel(settings.value.model) ?? null) : null))

  async function load(): Promise<void> {
    const result = await unwrap(getSightline().getSettings())
    if (result.error) error.value = result.error
    else settings.value = result.value
  }

  /** Follows changes made elsewhere (the tray, another window); returns the unsubscribe. */
  function listen(): () => void {
    return getSightline().onSettingsChanged((next) => {
      settings.value = next
    })
  }

  /** Saves a change; on success says when it applies, on refusal shows main's reason. */
  async function update(patch: SettingsPatch): Promise<boolean> {
    isSaving.value = true
    const result = await unwrap(getSightline().updateSettings(patch))
    isSaving.value = false
    if (result.error) {
      error.value = result.error
      note.value = null
      return false
    }
    error.value = null
    settings.value = result.value
    note.value = appliesNote(appliesWhen(patch))
    return true
  }

  return { settings, model, note, error, isSaving, load, listen, update }
})
