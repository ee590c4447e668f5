/**
 * The real main-side engine with the real uiohook hotkey, in its own process (libuiohook ties
 * the process to the X server, see hotkeyChild.ts). It talks to the fake Live server whose base
 * URL is in argv and reports on its IPC channel when the hotkey is bound.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeServices } from '../../../electron/main/composeServices'
import { systemClock } from '../../../electron/main/platform/systemClock'
import { GenaiLiveTransport } from '../../../electron/main/platform/genaiLiveTransport'
import { InMemorySecretStore } from '../../support/inMemorySecretStore'
import { JsonFileSettingsRepository } from '../../../electron/main/platform/jsonFileSettingsRepository'
import { silentLogger } from '../../../electron/main/platform/pinoLogger'
import { SharpFrameEncoder } from '../../../electron/main/platform/sharpFrameEncoder'
import { environmentProblem } from '../../../electron/main/platform/keyboardHookCheck'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'

const baseUrl = process.argv[2]!
const talkStates: unknown[] = []
const services = await composeServices({
  transport: new GenaiLiveTransport({ baseUrl }),
  secretStore: new InMemorySecretStore(),
  settingsRepository: new JsonFileSettingsRepository({ directory: mkdtempSync(join(tmpdir(), 'sightline-hotkey-')) }),
  frameEncoder: new SharpFrameEncoder(),
  desktop: { openInBrowser: async () => undefined, writeClipboard: async () => undefined },
  screens: { list: async () => [], select: () => undefined },
  pushToTalk: new UiohookPushToTalk({ platform: 'linux', preflight: () => environmentProblem(process.env, 'linux') }),
  clock: systemClock,
  logger: silentLogger,
  env: { GEMINI_API_KEY: 'hotkey-key-1234' },
  appInfo: { name: 'Sightline', version: '0.0.0', platform: 'linux', isHarness: true },
  emit: (method, payload) => {
    if (method === 'onTalkState') talkStates.push(payload)
  },
  isTrustedSender: () => false,
})
services.assistant.bindHotkey()
process.send?.({ type: 'ready', talk: services.assistant.talkState })
process.on('disconnect', () => {
  void services.live.stop().finally(() => process.exit(0))
})
