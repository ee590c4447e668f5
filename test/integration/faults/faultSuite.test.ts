import { join } from 'node:path'
import { afterAll, beforeAll, describe } from 'vitest'
import { FaultLedger } from '../../support/faults/faultLedger'
import { badFrameScenarios } from './scenarios/badFrameScenarios'
import { closeCodeScenarios } from './scenarios/closeCodeScenarios'
import { dropScenarios } from './scenarios/dropScenarios'
import { timeScenarios } from './scenarios/timeScenarios'

/**
 * Issue 7's fault suite: the real engine, the real SDK adapter and the fake Live server on real
 * sockets, through every way the network and the server fail. Each scenario's name says what
 * the user sees; each checks that no input was lost or duplicated beyond the documented bounds.
 * The summary line is printed at the end and written to test-results/fault-summary.json.
 */
const ledger = new FaultLedger()
beforeAll(() => ledger.listen())
afterAll(() => {
  ledger.unlisten()
  console.log(ledger.report(join(import.meta.dirname, '../../..')))
})

describe('drops, GoAway and refused resumes', () => dropScenarios(ledger))
describe('close codes at setup and mid-session', () => closeCodeScenarios(ledger))
describe('frames the server should not send', () => badFrameScenarios(ledger))
describe('stalls, outages, sleep and restarts', () => timeScenarios(ledger))
