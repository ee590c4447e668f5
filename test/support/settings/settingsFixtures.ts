import { SETTINGS_VERSION, type Settings } from '../../../shared/settings'
import { DEFAULT_POINT_SETTINGS } from '../../../shared/pointSettings'
import { DEFAULT_PRIVACY_SETTINGS } from '../../../shared/privacySettings'
import type { SettingsV1 } from '../../../electron/main/core/settings/migrateSettings'

/** A version 1 file as an early build wrote it: flat, no `version` key. */
export const VERSION_1_FILE: SettingsV1 = {
  model: 'gemini-2.0-flash-live-001',
  responseModality: 'TEXT',
  voice: 'Kore',
  languageCode: 'de-DE',
  systemInstruction: 'Answer in German.',
  inputTranscription: false,
  outputTranscription: true,
  vadMode: 'auto',
  vadStartSensitivity: 'high',
  vadEndSensitivity: 'low',
  vadPrefixPaddingMs: 100,
  vadSilenceDurationMs: 800,
  mediaResolution: 'low',
  thinkingBudget: 512,
  includeThoughts: true,
  affectiveDialog: false,
  proactiveAudio: false,
  localTools: false,
  codeExecution: true,
  googleSearch: false,
  contextCompression: true,
  hotkey: 'Alt+Space',
  captureFps: 2,
  frameLongSide: 1280,
  jpegQuality: 70,
  changeThreshold: 0.05,
  heartbeatSeconds: 60,
  inputDeviceId: 'mic-1',
  outputDeviceId: null,
  duckMicWhileSpeaking: true,
  startAtLogin: true,
}

/**
 * What {@link VERSION_1_FILE} means in the current version: its model was shut down, so it moves
 * to gemini-3.8-live, which answers only in audio, picks its language itself and takes no
 * thinking settings; code execution is gone; every other choice is kept.
 */
export const VERSION_1_MIGRATED: Settings = {
  version: SETTINGS_VERSION,
  model: 'gemini-3.8-live',
  responseModality: 'AUDIO',
  voice: 'Kore',
  languageCode: null,
  systemInstruction: 'Answer in German.',
  inputTranscription: false,
  outputTranscription: true,
  vad: { mode: 'hands-free', startSensitivity: 'high', endSensitivity: 'low', prefixPaddingMs: 100, silenceDurationMs: 800 },
  mediaResolution: 'low',
  thinking: { budget: null, level: null, includeThoughts: false },
  affectiveDialog: false,
  proactiveAudio: false,
  tools: { localTools: false, googleSearch: false },
  alwaysAllowTools: { open_url: false, copy_to_clipboard: false },
  contextCompression: true,
  hotkey: 'Alt+Space',
  shareHotkey: 'CommandOrControl+Shift+L',
  capture: { framesPerSecond: 1, longSide: 1280, jpegQuality: 70, changeThreshold: 0.05, idleTrickle: false, idleTrickleSeconds: 60 },
  devices: { inputDeviceId: 'mic-1', outputDeviceId: null, duckMicWhileSpeaking: true },
  startAtLogin: true,
  privacy: DEFAULT_PRIVACY_SETTINGS,
  point: DEFAULT_POINT_SETTINGS,
  historyRetention: 'forever',
  /** Version 1 had no language setting: the UI follows the OS. */
  uiLanguage: 'system',
  showCallBar: true,
}
