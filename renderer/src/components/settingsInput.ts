import type { Translate } from '../../../shared/i18n/translate'

/** A number from a settings input, or null when it is empty or outside [min, max] (the input shows why, in the UI language). */
export function readNumber(event: Event, min: number, max: number, t: Translate): number | null {
  const input = event.target as HTMLInputElement
  const value = input.valueAsNumber
  if (!Number.isFinite(value) || value < min || value > max) {
    input.setCustomValidity(t('settings.numberRange', { min, max }))
    input.reportValidity()
    return null
  }
  input.setCustomValidity('')
  return value
}

/** The checked state of a checkbox change event. */
export function readChecked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked
}

/** The value of a select or text input change event. */
export function readValue(event: Event): string {
  return (event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value
}
