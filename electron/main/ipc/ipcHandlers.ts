import type { Assistant } from '../core/assistant'
import type { HistoryService } from '../core/history/historyService'
import type { VoicePreviewService } from '../core/voices/voicePreviewService'
import type { IpcHandlers } from './ipcRouter'

const done = { done: true } as const

/** The contract's main side: each entry is one call into the Assistant (or History, or voice previews). */
export function createIpcHandlers(assistant: Assistant, history: HistoryService, voices: VoicePreviewService): IpcHandlers {
  return {
    invoke: {
      getAppInfo: () => assistant.appInfo(),
      startSession: () => assistant.startSession(),
      stopSession: async () => (await assistant.stopSession(), done),
      sendText: async ({ text }) => (await assistant.sendText(text), done),
      setTalking: ({ isTalking, source }) => assistant.setTalking(isTalking, source),
      getSettings: () => assistant.getSettings(),
      getSnapshot: () => assistant.snapshot(),
      dismissNotice: ({ code }) => (assistant.dismissNotice(code), done),
      listModels: () => assistant.listModels(),
      updateSettings: (patch) => assistant.updateSettings(patch),
      getKeyStatus: () => assistant.keyStatus(),
      setApiKey: ({ key, keepIn }) => assistant.setApiKey(key, keepIn),
      removeApiKey: () => assistant.removeApiKey(),
      getManagedStatus: () => assistant.managedStatus(),
      setManaged: ({ service, accessCode }) => assistant.setManaged(service, accessCode),
      clearManaged: () => assistant.clearManaged(),
      saveDiagnostics: ({ includeCrashDumps }) => assistant.saveDiagnostics(includeCrashDumps),
      copyDiagnosticsSummary: async () => (await assistant.copyDiagnosticsSummary(), done),
      getCrashReporting: () => assistant.crashReporting(),
      setCrashReporting: (choice) => assistant.setCrashReporting(choice),
      getUpdateState: () => assistant.updateState(),
      setUpdateChannel: ({ channel }) => assistant.setUpdateChannel(channel),
      restartToUpdate: () => (assistant.restartToUpdate(), done),
      listScreenSources: () => assistant.listScreenSources(),
      selectScreenSource: ({ id }) => (assistant.selectScreenSource(id), done),
      setSharing: ({ isSharing, source }) => assistant.setSharing(isSharing, source),
      lookNow: () => (assistant.lookNow(), done),
      listOpenWindows: () => assistant.listOpenWindows(),
      selectShareRegion: () => assistant.selectShareRegion(),
      clearShareRegion: () => (assistant.clearShareRegion(), done),
      openLink: async ({ url }) => (await assistant.openLink(url), done),
      answerToolConfirmation: ({ requestId, allow, allWaiting }) => (assistant.answerToolConfirmation(requestId, allow, allWaiting), done),
      listHistory: () => history.listByDay(),
      searchHistory: ({ query }) => history.search(query),
      openHistoryConversation: ({ id }) => history.open(id),
      deleteHistoryConversation: async ({ id }) => (await history.delete(id), done),
      deleteAllHistory: async () => (await history.deleteAll(), done),
      exportHistory: (request) => history.export(request),
      copyHistoryTranscript: async ({ id }) => (await history.copyTranscript(id), done),
      continueHistoryConversation: ({ id }) => history.continue(id),
      getHistoryStatus: () => history.status(),
      previewVoice: ({ voice, locale }) => voices.preview(voice, locale),
      setMuted: async ({ isMuted }) => (await assistant.setMuted(isMuted), done),
      stopSharing: () => (assistant.stopSharing(), done),
    },
    send: {
      sendAudioChunk: (pcm) => assistant.receiveAudio(pcm),
      sendVideoFrame: (frame) => assistant.receiveFrame(frame),
      endAudioStream: () => assistant.endAudioStream(),
      reportPlayback: ({ turnId, playedSamples }) => assistant.notePlayback(turnId, playedSamples),
      hotkeyWindowKeyUp: ({ code }) => assistant.hotkeyWindowKeyUp(code),
      reportAudioLevels: (levels) => assistant.relayAudioLevels(levels),
    },
  }
}
