import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo, IpcError, IpcResult, KeyStatus, ManagedStatus } from '../../../shared/ipcContract'
import { getSightline } from '../api/sightline'

/** Which full-window view is showing once the app knows whether a key is set. */
export type MainView = 'conversation' | 'settings' | 'history'

/** An invoke answer as a value, or the error it carried (a thrown bridge failure becomes one too). */
export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<{ value: T; error: null } | { value: null; error: IpcError }> {
  try {
    const result = await call
    return result.ok ? { value: result.value, error: null } : { value: null, error: result.error }
  } catch (error) {
    return { value: null, error: { code: 'BRIDGE_FAILED', message: error instanceof Error ? error.message : String(error) } }
  }
}

/** App-wide facts: where we run, whether a key is set, and which view is open. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const keyStatus = ref<KeyStatus | null>(null)
  /** Managed mode: the organisation's token service stands in for a key. */
  const managed = ref<ManagedStatus | null>(null)
  const view = ref<MainView>('conversation')
  const loadError = ref<IpcError | null>(null)

  const isReady = computed(() => info.value !== null && keyStatus.value !== null)
  const needsKey = computed(() => keyStatus.value !== null && !keyStatus.value.isSet && !(managed.value?.isManaged ?? false))
  const isHarness = computed(() => info.value?.isHarness ?? false)
  /** The browser (harness) or the OS (Wayland's portal) asks what to share; Sightline's picker stays closed. */
  const picksScreenElsewhere = computed(() => isHarness.value || info.value?.systemScreenPicker === true)

  /** Reads app info and the key status; the first view depends on both. */
  async function load(): Promise<void> {
    const api = getSightline()
    const [appInfo, status, managedStatus] = await Promise.all([unwrap(api.getAppInfo()), unwrap(api.getKeyStatus()), unwrap(api.getManagedStatus())])
    loadError.value = appInfo.error ?? status.error ?? managedStatus.error
    info.value = appInfo.value
    keyStatus.value = status.value
    managed.value = managedStatus.value
  }

  /** "My organisation gave me a Sightline address": checked by main with the service and Gemini, then kept. */
  async function submitManaged(service: string, accessCode: string): Promise<IpcError | null> {
    const result = await unwrap(getSightline().setManaged({ service, accessCode }))
    if (result.error) return result.error
    managed.value = result.value
    view.value = 'conversation'
    return null
  }

  /** Re-reads what the organisation locked (it is known once a token was issued). */
  async function refreshManaged(): Promise<void> {
    const result = await unwrap(getSightline().getManagedStatus())
    if (result.value) managed.value = result.value
  }

  /** Leaves managed mode; without a key, onboarding shows again. */
  async function leaveManaged(): Promise<IpcError | null> {
    const result = await unwrap(getSightline().clearManaged())
    if (result.error) return result.error
    managed.value = result.value
    return null
  }

  /** Checks and stores a key; on refusal the error is returned for the form to show. */
  async function submitKey(key: string, keepIn: 'keychain' | 'memory'): Promise<IpcError | null> {
    const result = await unwrap(getSightline().setApiKey({ key, keepIn }))
    if (result.error) return result.error
    keyStatus.value = result.value
    view.value = 'conversation'
    return null
  }

  /** Forgets the stored key; with no key left, onboarding shows again. */
  async function removeKey(): Promise<IpcError | null> {
    const result = await unwrap(getSightline().removeApiKey())
    if (result.error) return result.error
    keyStatus.value = result.value
    return null
  }

  function showView(next: MainView): void {
    view.value = next
  }

  return { info, keyStatus, managed, view, loadError, isReady, needsKey, isHarness, picksScreenElsewhere, load, submitKey, removeKey, submitManaged, refreshManaged, leaveManaged, showView }
})
