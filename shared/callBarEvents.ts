import type { EventMethod } from './ipcContract'

/**
 * The events the call bar's page follows (renderer/src/App.vue, call bar branch: the audio,
 * share, call bar and settings stores; settings for the UI language): main sends that window these and no others, so the answer's
 * audio, transcript and usage never cost it anything beside its meters (issue 17 "Numbers").
 * `onAudioOut` is absent on purpose: the call bar plays nothing.
 */
export const CALL_BAR_EVENTS: ReadonlySet<EventMethod> = new Set<EventMethod>(['onTalkState', 'onShareState', 'onCallBarState', 'onAudioLevels', 'onSettingsChanged'])
