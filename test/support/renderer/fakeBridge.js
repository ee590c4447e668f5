// Runs in the page before the app (Playwright init script): a scripted stand-in for the preload's
// `window.sightline`, so the views can be driven in real Chromium without main. Every call is
// recorded in `__calls`; tests push events with `__emit(name, payload)`.
;(() => {
  const page = globalThis
  const scenario = new URLSearchParams(page.location.search).get('scenario') ?? 'conversation'
  const listeners = new Map()
  const calls = []
  const emit = (name, payload) => {
    for (const listener of listeners.get(name) ?? []) listener(payload)
  }
  const ok = (value) => Promise.resolve({ ok: true, value })
  const refuse = (code, message, params) => Promise.resolve({ ok: false, error: { code, message, ...(params && { params }) } })
  const record = (name, payload) => calls.push({ name, payload })

  let settings = {
    ...page.__sightlineDefaults,
    model: scenario === 'flash-31' ? 'gemini-3.1-flash-live-preview' : scenario === 'managed-locked' ? 'gemini-3.8-live-extended-thinking' : scenario === 'native-audio' ? 'gemini-2.5-flash-native-audio-preview-12-2025' : 'gemini-3.8-live',
    systemInstruction: 'Be brief.',
    // The native-audio scenario has the options only that family takes turned on.
    ...(scenario === 'native-audio' && { affectiveDialog: true, thinking: { budget: 512, level: null, includeThoughts: false } }),
  }
  const menu = {
    source: 'api',
    fetchedAt: 1_764_000_000_000,
    models: [
      { id: 'gemini-3.8-live', label: 'Gemini 3.8 Live', isPreview: false, family: 'gemini-3.8' },
      { id: 'gemini-3.8-live-extended-thinking', label: 'Gemini 3.8 Live (extended thinking)', isPreview: false, family: 'gemini-3.8-extended-thinking' },
      { id: 'gemini-3.1-flash-live-preview', label: 'Gemini 3.1 Flash Live', isPreview: true, family: 'gemini-3.1' },
      { id: 'gemini-2.5-flash-native-audio-preview-12-2025', label: 'Gemini 2.5 Flash (native audio)', isPreview: true, family: 'gemini-2.5-native-audio' },
    ],
  }
  const noKeychain = scenario === 'no-keychain'
  let keyStatus = scenario === 'first-run' || noKeychain
    ? { isSet: false, lastFour: null, source: 'none', keychainAvailable: !noKeychain, keychainTrouble: noKeychain ? 'absent' : null }
    : { isSet: true, lastFour: 'k123', source: 'keychain', keychainAvailable: true, keychainTrouble: null }
  let status = { state: 'idle', detail: null, resumed: false }
  let crashReporting = { uploadUrl: null }
  let updateState = { status: scenario === 'update-ready' ? 'ready' : 'idle', channel: 'stable', version: scenario === 'update-ready' ? '1.2.0' : null, reason: null }
  // 'managed-locked': the organisation's service locked gemini-3.8-live, and the saved pick is another model.
  let managedStatus =
    scenario === 'managed-locked'
      ? { isManaged: true, service: 'https://sightline.example.org', source: 'keychain', lockedModel: 'gemini-3.8-live', lockedFields: ['model', 'temperature', 'systemInstruction'], autoUpdate: null }
      : { isManaged: false, service: null, source: 'none', lockedModel: null, lockedFields: [], autoUpdate: null }

  // History: one conversation whose words hold markup, so the view must show it as text.
  const usage = { promptTokens: 10, responseTokens: 5, totalTokens: 15 }
  const summary = {
    id: 'h1', title: 'Why does <img src=x onerror=alert(1)> fail?', startedAt: Date.now(), updatedAt: Date.now(),
    exchangeCount: 1, modelId: 'gemini-test-live', continuedFrom: null, usage,
  }
  const exchange = {
    seq: 1, startedAt: Date.now(), endedAt: Date.now(), modelId: 'gemini-test-live', userText: summary.title,
    modelText: 'Because the **image** is missing.', toolCalls: [], screenShared: true, interrupted: false, usage,
  }
  let historyDays = [{ day: '2026-11-30', conversations: [summary] }]

  const api = {
    getAppInfo: () => ok({ name: 'Sightline', version: '0.0.0', platform: 'linux', isHarness: true }),
    startSession: () => {
      record('startSession')
      status = { state: 'live', detail: null, resumed: false }
      setTimeout(() => emit('onSessionStatus', status))
      return ok(status)
    },
    stopSession: () => ok({ done: true }),
    sendText: (request) => {
      record('sendText', request)
      // Main echoes typed text into the transcript, as the live session does.
      setTimeout(() => emit('onTranscript', { turnId: 100 + calls.length, role: 'user', kind: 'text', text: request.text }))
      return ok({ done: true })
    },
    setTalking: (request) => {
      record('setTalking', request)
      // As main does: the state goes out as an event before the answer, which is only the acknowledgement.
      const talk = { isTalking: request.isTalking, source: request.isTalking ? request.source : null, hotkeyNote: null }
      emit('onTalkState', talk)
      return ok(talk)
    },
    getSettings: () => ok(settings),
    getSnapshot: () =>
      scenario === 'startup-fails' ? refuse('INTERNAL', 'Sightline could not do that. The details are in the log.') : ok({
        session: status,
        talk: { isTalking: false, source: null, hotkeyNote: null },
        share: { isSharing: false, source: null, framesSent: 0, framesDropped: 0 },
        usage: null,
        transcript: [],
        notices: page.__startupNotices ?? [],
        isMuted: false,
        isSpeaking: false,
        update: { status: 'idle', channel: 'stable', version: null, reason: null },
        callBar: { phase: status.state === 'live' ? 'ready' : 'off', isMuted: false },
      }),
    dismissNotice: (request) => {
      record('dismissNotice', request)
      return ok({ done: true })
    },
    listModels: () => ok(menu),
    updateSettings: (patch) => {
      record('updateSettings', patch)
      // A test sets `__saveFailures` to make the next saves fail the way a full disk does in main.
      if (page.__saveFailures > 0) {
        page.__saveFailures--
        return refuse('SETTINGS_SAVE_FAILED', 'Your settings could not be saved: the disk is full')
      }
      const next = { ...settings }
      for (const [key, value] of Object.entries(patch)) {
        next[key] = value !== null && typeof value === 'object' ? { ...settings[key], ...value } : value
      }
      settings = next
      return ok(settings)
    },
    getKeyStatus: () => ok(keyStatus),
    setApiKey: (request) => {
      record('setApiKey', { keepIn: request.keepIn })
      if (request.key.includes('wrong')) return refuse('INVALID_API_KEY', 'Gemini refused this API key.')
      keyStatus = { ...keyStatus, isSet: true, lastFour: request.key.slice(-4), source: request.keepIn }
      return ok(keyStatus)
    },
    removeApiKey: () => {
      keyStatus = { ...keyStatus, isSet: false, lastFour: null, source: 'none' }
      return ok(keyStatus)
    },
    getManagedStatus: () => ok(managedStatus),
    setManaged: (request) => {
      record('setManaged', { service: request.service })
      if (request.accessCode.includes('wrong')) return refuse('ACCESS_CODE_REFUSED', `The token service at ${request.service} did not accept your access code.`, { service: request.service })
      managedStatus = { isManaged: true, service: request.service, source: 'keychain', lockedModel: 'gemini-3.8-live', lockedFields: ['model', 'temperature'], autoUpdate: false }
      return ok(managedStatus)
    },
    clearManaged: () => {
      managedStatus = { isManaged: false, service: null, source: 'none', lockedModel: null, lockedFields: [], autoUpdate: null }
      return ok(managedStatus)
    },
    saveDiagnostics: (request) => {
      record('saveDiagnostics', request)
      return ok({ path: '/tmp/sightline-diagnostics.zip' })
    },
    copyDiagnosticsSummary: () => (record('copyDiagnosticsSummary'), ok({ done: true })),
    getCrashReporting: () => ok(crashReporting),
    setCrashReporting: (request) => ((crashReporting = request), ok(crashReporting)),
    getUpdateState: () => ok(updateState),
    setUpdateChannel: (request) => ((updateState = { ...updateState, channel: request.channel }), ok(updateState)),
    restartToUpdate: () => (record('restartToUpdate'), ok({ done: true })),
    listScreenSources: () => ok([]),
    // The third has no app name and a title longer than a pattern may be (a browser tab's page title can be).
    listOpenWindows: () => ok([{ appName: 'Slack', title: 'general' }, { appName: 'Terminal', title: 'bash' }, { appName: '', title: `Quarterly (draft) ${'report '.repeat(40)}` }]),
    selectScreenSource: () => ok({ done: true }),
    setSharing: (request) => {
      const share = { isSharing: request.isSharing, source: request.source, framesSent: 0, framesDropped: 0, pause: null }
      emit('onShareState', share)
      return ok(share)
    },
    lookNow: () => ok({ done: true }),
    selectShareRegion: () => ok({ region: null, note: { code: 'REGION_NOT_CHANGED' } }),
    clearShareRegion: () => ok({ done: true }),
    openLink: (request) => {
      record('openLink', request)
      return ok({ done: true })
    },
    answerToolConfirmation: (request) => {
      record('answerToolConfirmation', request)
      return ok({ done: true })
    },
    listHistory: () => ok(historyDays),
    searchHistory: (request) => {
      record('searchHistory', request)
      const snippet = [{ text: 'Why does <img src=x onerror=alert(1)> ', isMatch: false }, { text: 'fail', isMatch: true }, { text: '?', isMatch: false }]
      return ok(request.query.includes('fail') ? [{ conversation: summary, seq: 1, startedAt: summary.startedAt, role: 'user', snippet }] : [])
    },
    openHistoryConversation: (request) => (request.id === 'h1' ? ok({ ...summary, exchanges: [exchange] }) : refuse('HISTORY_NOT_FOUND', 'Gone.')),
    deleteHistoryConversation: (request) => {
      record('deleteHistoryConversation', request)
      historyDays = []
      return ok({ done: true })
    },
    deleteAllHistory: () => {
      record('deleteAllHistory')
      historyDays = []
      return ok({ done: true })
    },
    exportHistory: (request) => {
      record('exportHistory', request)
      return ok({ outcome: 'saved', fileName: 'sightline-why-does-img.md', content: null })
    },
    copyHistoryTranscript: (request) => {
      record('copyHistoryTranscript', request)
      return ok({ done: true })
    },
    continueHistoryConversation: (request) => {
      record('continueHistoryConversation', request)
      status = { state: 'live', detail: [{ code: 'CONTINUING_HISTORY', params: { title: 'Why does…', when: new Date(2026, 10, 30, 9, 0).getTime() } }], resumed: false }
      setTimeout(() => emit('onSessionStatus', status))
      return ok(status)
    },
    getHistoryStatus: () => ok({ retention: settings.historyRetention ?? 'forever', isReadOnly: false, note: null }),
    previewVoice: (request) => {
      record('previewVoice', request)
      // A test may script the answer with `__previewVoiceResult`; offline otherwise.
      return ok(page.__previewVoiceResult ?? { ok: false, reason: 'OFFLINE', message: 'The Live API cannot be reached (offline?): scripted bridge' })
    },
    sendAudioChunk: (pcm) => record('sendAudioChunk', pcm.byteLength),
    sendVideoFrame: (frame) => record('sendVideoFrame', { width: frame.width, height: frame.height }),
    endAudioStream: () => record('endAudioStream'),
    reportPlayback: (report) => record('reportPlayback', report),
    hotkeyWindowKeyUp: (key) => record('hotkeyWindowKeyUp', key),
    reportAudioLevels: (levels) => record('reportAudioLevels', levels),
    setMuted: (request) => {
      record('setMuted', request)
      return ok({ done: true })
    },
    stopSharing: () => {
      record('stopSharing')
      return ok({ done: true })
    },
  }
  const events = [
    'onSessionStatus', 'onTranscript', 'onTurnEvent', 'onModelContent', 'onToolActivity', 'onToolConfirmRequest', 'onToolConfirmClosed',
    'onAudioOut', 'onUsage', 'onError', 'onTalkState', 'onShareState', 'onSettingsChanged', 'onModelsChanged', 'onUiCommand',
    'onHistoryChanged', 'onUpdateState', 'onNoticesChanged', 'onCallBarState', 'onAudioLevels',
  ]
  for (const name of events) {
    api[name] = (listener) => {
      const set = listeners.get(name) ?? new Set()
      set.add(listener)
      listeners.set(name, set)
      return () => set.delete(listener)
    }
  }
  page.sightline = Object.freeze(api)
  page.__calls = calls
  page.__emit = emit
  page.__listening = () => [...listeners].filter(([, set]) => set.size > 0).map(([name]) => name).sort()
})()
