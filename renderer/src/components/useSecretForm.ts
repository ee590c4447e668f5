import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { IpcError } from '../../../shared/ipcContract'
import { useErrorWords } from './useWording'

/** A form that hands a secret to main to check: what its template binds. */
export interface SecretForm {
  error: Ref<string | null>
  isChecking: Ref<boolean>
  canSubmit: ComputedRef<boolean>
  submit(): Promise<void>
}

/**
 * The shape the key form and the organisation form share: submit once while main checks
 * (`check` resolves to main's refusal, or null when it took the secret), word a refusal inline in
 * the window's language, and call `accepted` (which clears the secret field) otherwise.
 * `isFilled` says whether the fields are worth checking; `malformed` names (as a catalogue error code)
 * a secret that cannot be one (shared/credentialShape.ts), so it is refused here with words about it
 * rather than by the contract as a request the window could not have sent.
 */
export function useSecretForm(
  isFilled: () => boolean,
  check: () => Promise<IpcError | null>,
  accepted: () => void,
  malformed: () => string | null = () => null,
): SecretForm {
  const errorWords = useErrorWords()
  const error = ref<string | null>(null)
  const isChecking = ref(false)
  const canSubmit = computed(() => isFilled() && !isChecking.value)
  return {
    error,
    isChecking,
    canSubmit,
    async submit() {
      if (!canSubmit.value) return
      const shapeError = malformed()
      if (shapeError) {
        error.value = errorWords({ code: shapeError })
        return
      }
      isChecking.value = true
      error.value = null
      const refused = await check()
      isChecking.value = false
      if (refused) error.value = errorWords(refused)
      else accepted()
    },
  }
}
