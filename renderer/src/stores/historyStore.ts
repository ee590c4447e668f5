import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { IpcError } from '../../../shared/ipcContract'
import type {
  HistoryConversation,
  HistoryConversationSummary,
  HistoryDay,
  HistoryExportRequest,
  HistoryRetention,
  HistorySearchHit,
  HistoryStatus,
} from '../../../shared/history'
import { getSightline } from '../api/sightline'
import { unwrap, useAppStore } from './appStore'
import type { UiMessage } from '../../../shared/i18n/translate'
import { useSettingsStore } from './settingsStore'

/** A conversation the search found, with the exchanges that matched. */
export interface HistorySearchGroup {
  conversation: HistoryConversationSummary
  hits: HistorySearchHit[]
}

/**
 * The History view's state: conversations by day, the search and what it found, the open
 * conversation, and the actions on them. Everything is asked of main; a change main reports
 * (an exchange kept, a deletion) refreshes what is shown.
 */
export const useHistoryStore = defineStore('history', () => {
  const days = shallowRef<HistoryDay[]>([])
  const status = shallowRef<HistoryStatus | null>(null)
  const query = ref('')
  const hits = shallowRef<HistorySearchHit[] | null>(null)
  const opened = shallowRef<HistoryConversation | null>(null)
  const error = ref<IpcError | null>(null)
  /** What the last action did, as catalogue words the view shows in the UI language. */
  const note = ref<UiMessage | null>(null)
  let searchSerial = 0

  /** Search hits grouped by conversation, in the order the newest hit came. */
  const groups = computed<HistorySearchGroup[] | null>(() => {
    if (!hits.value) return null
    const byId = new Map<string, HistorySearchGroup>()
    for (const hit of hits.value) {
      const group = byId.get(hit.conversation.id) ?? { conversation: hit.conversation, hits: [] }
      group.hits.push(hit)
      byId.set(hit.conversation.id, group)
    }
    return [...byId.values()]
  })

  function fail(next: IpcError): void {
    error.value = next
    note.value = null
  }

  async function load(): Promise<void> {
    const api = getSightline()
    const [list, state] = await Promise.all([unwrap(api.listHistory()), unwrap(api.getHistoryStatus())])
    if (list.error) return fail(list.error)
    if (state.error) return fail(state.error)
    days.value = list.value
    status.value = state.value
  }

  /** Follows changes main makes (an exchange kept, retention applied); returns the unsubscribe. */
  function listen(): () => void {
    return getSightline().onHistoryChanged(({ conversationId }) => {
      void load()
      if (query.value.trim()) void search(query.value)
      const open = opened.value
      if (open && (conversationId === null || conversationId === open.id)) void reopen(open.id)
    })
  }

  /** Narrows the list to what holds the words; an empty search shows every conversation again. */
  async function search(text: string): Promise<void> {
    query.value = text
    const serial = ++searchSerial
    if (!text.trim()) {
      hits.value = null
      return
    }
    const result = await unwrap(getSightline().searchHistory({ query: text }))
    if (serial !== searchSerial) return
    if (result.error) return fail(result.error)
    hits.value = result.value
  }

  async function open(id: string): Promise<void> {
    const result = await unwrap(getSightline().openHistoryConversation({ id }))
    if (result.error) return fail(result.error)
    error.value = null
    opened.value = result.value
  }

  async function reopen(id: string): Promise<void> {
    const result = await unwrap(getSightline().openHistoryConversation({ id }))
    if (opened.value?.id !== id) return
    opened.value = result.value
  }

  function close(): void {
    opened.value = null
  }

  async function remove(id: string): Promise<void> {
    const result = await unwrap(getSightline().deleteHistoryConversation({ id }))
    if (result.error) return fail(result.error)
    if (opened.value?.id === id) opened.value = null
    note.value = { key: 'history.deleted' }
    await load()
  }

  async function removeAll(): Promise<void> {
    const result = await unwrap(getSightline().deleteAllHistory())
    if (result.error) return fail(result.error)
    opened.value = null
    hits.value = null
    query.value = ''
    note.value = { key: 'history.allDeleted' }
    await load()
  }

  /** Saves through the app's save dialog; in the browser harness the page downloads the file. */
  async function exportTo(request: HistoryExportRequest): Promise<void> {
    const result = await unwrap(getSightline().exportHistory(request))
    if (result.error) return fail(result.error)
    const { outcome, fileName, content } = result.value
    if (outcome === 'download' && content !== null) download(fileName, content, request.format === 'json' ? 'application/json' : 'text/markdown')
    note.value = outcome === 'cancelled' ? null : { key: 'history.exported', params: { file: fileName } }
  }

  async function copyTranscript(id: string): Promise<void> {
    const result = await unwrap(getSightline().copyHistoryTranscript({ id }))
    if (result.error) return fail(result.error)
    note.value = { key: 'history.copied' }
  }

  /** A fresh session seeded with this conversation; the conversation view shows it is a continuation. */
  async function continueConversation(id: string): Promise<void> {
    const result = await unwrap(getSightline().continueHistoryConversation({ id }))
    if (result.error) return fail(result.error)
    useAppStore().showView('conversation')
  }

  async function setRetention(retention: HistoryRetention): Promise<void> {
    if (await useSettingsStore().update({ historyRetention: retention })) {
      note.value = { key: retention === 'off' ? 'history.offNow' : 'history.savedNow' }
      await load()
    }
  }

  return {
    days, status, query, hits, groups, opened, error, note,
    load, listen, search, open, close, remove, removeAll, exportTo, copyTranscript, continueConversation, setRetention,
  }
})

function download(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
