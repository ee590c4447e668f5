/**
 * Runs UiohookPushToTalk in its own process for the hotkey tests. libuiohook keeps an X
 * connection open for the life of the process once loaded, and Xlib exits the process when
 * that server goes away; isolating it here lets the test stop its Xvfb without taking the
 * test worker down with it. Commands arrive over the IPC channel; events go back the same way.
 */
import { environmentProblem } from '../../../electron/main/platform/keyboardHookCheck'
import { UiohookPushToTalk } from '../../../electron/main/platform/uiohookPushToTalk'
import type { PushToTalkBinding } from '../../../electron/main/core/ports'

export type ChildCommand =
  | { type: 'bind'; accelerator: string }
  | { type: 'dispose' }
  | { type: 'resetHeldKeys' }
  | { type: 'windowKeyUp'; code: string }
export type ChildEvent =
  | { type: 'bound'; mode: string; note: PushToTalkBinding['note'] }
  | { type: 'failed'; code: string; message: string }
  | { type: 'press' }
  | { type: 'release' }
  | { type: 'disposed' }
  | { type: 'done'; command: string }

const source = new UiohookPushToTalk({ platform: 'linux', preflight: () => environmentProblem(process.env, 'linux') })
let binding: PushToTalkBinding | null = null
const send = (event: ChildEvent) => process.send?.(event)

process.on('message', (command: ChildCommand) => {
  switch (command.type) {
    case 'bind':
      binding?.dispose()
      try {
        binding = source.bind(command.accelerator, { onPress: () => send({ type: 'press' }), onRelease: () => send({ type: 'release' }) })
        send({ type: 'bound', mode: binding.mode, note: binding.note })
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'UNKNOWN'
        send({ type: 'failed', code, message: String(error) })
      }
      break
    case 'resetHeldKeys':
      source.resetHeldKeys()
      send({ type: 'done', command: command.type })
      break
    case 'windowKeyUp':
      source.windowKeyUp(command.code)
      send({ type: 'done', command: command.type })
      break
    case 'dispose':
      binding?.dispose()
      binding = null
      send({ type: 'disposed' })
      break
  }
})
process.on('disconnect', () => {
  binding?.dispose()
  process.exit(0)
})
