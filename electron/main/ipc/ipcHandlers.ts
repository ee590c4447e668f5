import type { Assistant } from '../core/assistant'
import type { IpcHandlers } from './ipcRouter'

const done = { done: true } as const

/** The contract's main side: each entry is one call into the Assistant. */
export function createIpcHandlers(assistant: Assistant): IpcHandlers {
  return {
    invoke: {
      getAppInfo: () => assistant.appInfo(),
      startSession: () => assistant.startSession(),
      stopSession: async () => (await assistant.stopSession(), done),
      sendText: async ({ text }) => (await assistant.sendText(text), done),
      setTalking: ({ isTalking, source }) => assistant.setTalking(isTalking, source),
      getSettings: () => assistant.getSettings(),
      getStartupNotices: () => assistant.startupNotices(),
      updateSettings: (patch) => assistant.updateSettings(patch),
      getKeyStatus: () => assistant.keyStatus(),
      setApiKey: ({ key, keepIn }) => assistant.setApiKey(key, keepIn),
      removeApiKey: () => assistant.removeApiKey(),
      listScreenSources: () => assistant.listScreenSources(),
      selectScreenSource: ({ id }) => (assistant.selectScreenSource(id), done),
      setSharing: ({ isSharing, sourceName }) => assistant.setSharing(isSharing, sourceName),
      lookNow: () => (assistant.lookNow(), done),
      openLink: async ({ url }) => (await assistant.openLink(url), done),
      answerToolConfirmation: ({ requestId, allow }) => (assistant.answerToolConfirmation(requestId, allow), done),
    },
    send: {
      sendAudioChunk: (pcm) => assistant.receiveAudio(pcm),
      sendVideoFrame: (frame) => assistant.receiveFrame(frame),
      endAudioStream: () => assistant.endAudioStream(),
      reportPlayback: ({ turnId, playedSamples }) => assistant.notePlayback(turnId, playedSamples),
      hotkeyWindowKeyUp: ({ code }) => assistant.hotkeyWindowKeyUp(code),
    },
  }
}
