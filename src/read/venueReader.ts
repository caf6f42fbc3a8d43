import type { UnavailableVenue } from '../domain/venue.js'
import { ChainUnavailableError } from '../errors/index.js'
import type { VenueModel } from '../risk/venueModel.js'
import type { CallResult, ChainReader, ReadPlan, SideResult } from './readPlan.js'

/** What a venue reader's plan decodes to. */
export type VenueReadOutcome =
  | { readonly kind: 'venues'; readonly models: readonly VenueModel[]; readonly unavailable: readonly UnavailableVenue[] }
  /** The cached metadata no longer matches the chain: refresh and read again. */
  | { readonly kind: 'stale' }

/**
 * One protocol deployment on one chain, read for one owner. Slow-changing
 * metadata is loaded (and cached) before planning; the plan joins the chain's
 * one multicall.
 */
export type VenueReader = {
  /** Loads metadata not in cache yet (cold path: its own multicall). */
  prepare(reader: ChainReader): Promise<void>
  /** Drops cached metadata (after a stale read). */
  invalidate(): void
  /** This deployment's share of the chain's multicall. */
  plan(reader: ChainReader): ReadPlan<VenueReadOutcome>
  /** The venues this reader stands for, each answering `error` (a failed read of this deployment only). */
  fail(error: unknown): UnavailableVenue[]
}

/** What a protocol's state reader's plan decodes to: plain states (pure entities) and the venues whose own reads failed. */
export type StateReadOutcome<S> =
  | { readonly kind: 'states'; readonly states: readonly S[]; readonly unavailable: readonly UnavailableVenue[] }
  /** The cached metadata no longer matches the chain: refresh and read again. */
  | { readonly kind: 'stale' }

/**
 * The fetch half of a protocol's read (as `@morpho-org/blue-sdk-viem`'s
 * fetchers): plans its share of the chain's multicall and decodes plain
 * state, the pure model's input. `venueReaderOf` joins it to the pure model.
 */
export type StateReader<S> = Omit<VenueReader, 'plan'> & {
  plan(reader: ChainReader): ReadPlan<StateReadOutcome<S>>
}

/** A venue reader from a state reader and the pure function that turns one state into a venue model. */
export function venueReaderOf<S>(reader: StateReader<S>, toModel: (state: S) => VenueModel): VenueReader {
  return {
    prepare: (r) => reader.prepare(r),
    invalidate: () => reader.invalidate(),
    fail: (error) => reader.fail(error),
    plan(r) {
      const plan = reader.plan(r)
      return {
        calls: plan.calls,
        ...(plan.side ? { side: plan.side } : {}),
        decode(results, side) {
          const o = plan.decode(results, side)
          return o.kind === 'stale' ? o : { kind: 'venues', models: o.states.map(toModel), unavailable: o.unavailable }
        },
      }
    },
  }
}

type Settled = { readonly reader: VenueReader; outcome: VenueReadOutcome | { kind: 'failed'; error: unknown } }

/**
 * Reads every deployment of a chain with one multicall and the plans' side
 * requests sent beside it, in the same round trip (plus cold metadata
 * loads, and one repeat for readers whose cache turned out stale). A
 * deployment whose own reads fail degrades to unavailable venues; a failure
 * of the node itself (ChainUnavailableError from the multicall) propagates.
 */
export async function readVenues(
  reader: ChainReader,
  readers: readonly VenueReader[],
): Promise<{ models: VenueModel[]; unavailable: UnavailableVenue[] }> {
  const settled: Settled[] = readers.map((r) => ({ reader: r, outcome: { kind: 'stale' } }))
  for (let attempt = 0; attempt < 2; attempt++) {
    const pending = settled.filter((s) => s.outcome.kind === 'stale')
    if (pending.length === 0) break
    if (attempt > 0) for (const s of pending) s.reader.invalidate()
    await Promise.all(
      pending.map(async (s) => {
        try {
          await s.reader.prepare(reader)
        } catch (error) {
          if (isNodeFailure(error)) throw error
          s.outcome = { kind: 'failed', error }
        }
      }),
    )
    const ready = pending.filter((s) => s.outcome.kind === 'stale')
    const plans = ready.map((s) => s.reader.plan(reader))
    const [results, sides] = await Promise.all([reader.multicall(plans.flatMap((p) => p.calls)), reader.side(plans.flatMap((p) => p.side ?? []))])
    let offset = 0
    let sideOffset = 0
    ready.forEach((s, i) => {
      const plan = plans[i]!
      const slice: readonly CallResult[] = results.slice(offset, offset + plan.calls.length)
      offset += plan.calls.length
      const sideCount = plan.side?.length ?? 0
      const sideSlice: readonly SideResult[] = sides.slice(sideOffset, sideOffset + sideCount)
      sideOffset += sideCount
      try {
        s.outcome = plan.decode(slice, sideSlice)
      } catch (error) {
        s.outcome = { kind: 'failed', error }
      }
    })
  }
  const models: VenueModel[] = []
  const unavailable: UnavailableVenue[] = []
  for (const s of settled) {
    const o = s.outcome
    if (o.kind === 'venues') {
      models.push(...o.models)
      unavailable.push(...o.unavailable)
    } else if (o.kind === 'failed') {
      unavailable.push(...s.reader.fail(o.error))
    } else {
      unavailable.push(...s.reader.fail(new ChainUnavailableError(reader.chainId, { reason: 'the market changed between two reads', scope: 'read' })))
    }
  }
  return { models, unavailable }
}

/** A failure of the node or transport (not of one deployment's reads). */
function isNodeFailure(error: unknown): boolean {
  return error instanceof ChainUnavailableError && error.scope === 'node'
}
