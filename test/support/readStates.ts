import { executePlan, type ChainReader } from '../../src/read/readPlan.js'
import type { StateReader } from '../../src/read/venueReader.js'

/**
 * Reads a protocol's plain states through its own state reader as the
 * server's chain read does (prepare the metadata, the plan's share of a
 * multicall, a repeat after a stale cache), in a multicall of its own.
 * @throws whatever the read throws; an Error when a venue answered
 *   unavailable (a test expects its reads to succeed) or the metadata was
 *   still stale after two repeats.
 */
export async function readStates<S>(reader: ChainReader, stateReader: StateReader<S>): Promise<readonly S[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) stateReader.invalidate()
    await stateReader.prepare(reader)
    const outcome = await executePlan(reader, stateReader.plan(reader))
    if (outcome.kind === 'stale') continue
    if (outcome.unavailable.length > 0) throw new Error(`unavailable venues: ${outcome.unavailable.map((v) => `${v.id} (${v.error.message})`).join(', ')}`)
    return outcome.states
  }
  throw new Error('the metadata was still stale after two repeats')
}
