import type { HeadTicker } from './headTicker.js'
import type { Portfolio } from '../domain/portfolio.js'
import type { BlockRef, Venue } from '../domain/venue.js'
import type { GetPortfolioParameters, PortfolioService } from './PortfolioService.js'

/**
 * Thresholds a subscriber is alerted at (see `HealthAlertInput` in
 * schema/subscription.graphql). Unset: no alerts on that measure.
 */
export type HealthThresholds = {
  /** Health factor, plain ratio (1 = liquidation). */
  readonly healthFactorBelow?: number | undefined
  /** Liquidation distance, percent (10 = the nearest liquidation price is 10% away). */
  readonly liquidationDistancePctBelow?: number | undefined
}

/**
 * What a venue's health is, for change detection: its status and error,
 * health factor and liquidation distance. `Infinity` stands for "never"
 * (no debt, no liquidation price); `null` for unknown (venue unavailable).
 */
export type VenueHealthState = {
  readonly venueId: string
  /** `available`, or `unavailable:<code>`. */
  readonly status: string
  readonly healthFactor: number | null
  readonly liquidationDistancePct: number | null
  readonly block: BlockRef | null
}

export type HealthAlertMetric = 'HEALTH_FACTOR' | 'LIQUIDATION_DISTANCE'

/** A threshold crossing (see `HealthAlert` in the schema). `previous`/`current`: null for infinite or unknown. */
export type HealthAlert = {
  readonly venueId: string
  readonly metric: HealthAlertMetric
  readonly direction: 'BELOW' | 'ABOVE'
  readonly threshold: number
  readonly previous: number | null
  readonly current: number | null
  readonly block: BlockRef | null
  readonly message: string
}

/** One push of the `health` subscription. */
export type HealthUpdate = {
  readonly sequence: number
  readonly reason: 'INITIAL' | 'CHANGED'
  readonly changedVenueIds: readonly string[]
  readonly alerts: readonly HealthAlert[]
  readonly portfolio: Portfolio
}

/**
 * A venue's liquidation distance, percent: the smallest `|changePct|` over
 * its liquidation prices; `Infinity` with none (no debt, or no factor moves
 * it to liquidation); null when the venue is unavailable.
 */
export function liquidationDistancePct(venue: Venue): number | null {
  if (venue.status !== 'available') return null
  let nearest = Infinity
  for (const price of venue.liquidationPrices) if (price.kind === 'price') nearest = Math.min(nearest, Math.abs(price.changePct))
  return nearest
}

/** The change-detection state of every venue of a portfolio, by venue id. */
export function healthStatesOf(portfolio: Portfolio): Map<string, VenueHealthState> {
  const states = new Map<string, VenueHealthState>()
  for (const venue of portfolio.venues) {
    const available = venue.status === 'available'
    states.set(venue.id, {
      venueId: venue.id,
      status: available ? 'available' : `unavailable:${venue.error.code}`,
      healthFactor: available ? (venue.health.kind === 'ok' ? venue.health.healthFactor : Infinity) : null,
      liquidationDistancePct: liquidationDistancePct(venue),
      block: available ? venue.block : null,
    })
  }
  return states
}

/** Venue ids whose status, health factor or liquidation distance differ between two states (new, gone and changed venues), in `next`'s order, then the gone ones. */
export function changedVenues(previous: ReadonlyMap<string, VenueHealthState>, next: ReadonlyMap<string, VenueHealthState>): string[] {
  const changed: string[] = []
  for (const [id, state] of next) {
    const before = previous.get(id)
    if (!before || before.status !== state.status || before.healthFactor !== state.healthFactor || before.liquidationDistancePct !== state.liquidationDistancePct) changed.push(id)
  }
  for (const id of previous.keys()) if (!next.has(id)) changed.push(id)
  return changed
}

/**
 * Threshold crossings from `previous` to `next`. With no `previous` (the
 * first message), every venue already below a threshold alerts `BELOW`.
 * A venue whose value is unknown now (unavailable) does not alert; its last
 * known value is carried in `lastKnown` so that coming back across the line
 * still alerts.
 */
export function crossings(lastKnown: ReadonlyMap<string, VenueHealthState> | null, next: ReadonlyMap<string, VenueHealthState>, thresholds: HealthThresholds): HealthAlert[] {
  const alerts: HealthAlert[] = []
  const measures = [
    ['HEALTH_FACTOR', thresholds.healthFactorBelow, (s: VenueHealthState) => s.healthFactor, 'health factor'],
    ['LIQUIDATION_DISTANCE', thresholds.liquidationDistancePctBelow, (s: VenueHealthState) => s.liquidationDistancePct, 'liquidation distance (%)'],
  ] as const
  for (const [metric, threshold, valueOf, label] of measures) {
    if (threshold === undefined) continue
    for (const state of next.values()) {
      const current = valueOf(state)
      if (current === null) continue
      const before = lastKnown?.get(state.venueId)
      const previous = before ? valueOf(before) : null
      const belowNow = current < threshold
      const wasBelow = previous !== null && previous < threshold
      if (lastKnown === null || previous === null ? !belowNow : belowNow === wasBelow) continue
      const direction = belowNow ? 'BELOW' : 'ABOVE'
      alerts.push({
        venueId: state.venueId,
        metric,
        direction,
        threshold,
        previous: finiteOrNull(previous),
        current: finiteOrNull(current),
        block: state.block,
        message: `${state.venueId} ${label} ${formatValue(current)} ${describe(direction, previous)} ${threshold}${state.block ? ` at block ${state.block.blockNumber} of chain ${state.block.chainId}` : ''}`,
      })
    }
  }
  return alerts
}

function describe(direction: 'BELOW' | 'ABOVE', previous: number | null): string {
  if (direction === 'ABOVE') return 'rose back above'
  return previous === null ? 'is below' : 'fell below'
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '∞'
}

export type WatchHealthParameters = GetPortfolioParameters & {
  readonly thresholds?: HealthThresholds | undefined
}

export type WatchHealthOptions = {
  /** The server's shared head poll: the wallet is read again when a chain's head moves. */
  readonly ticker: HeadTicker
  /** Longest wait between reads without a new block, ms (venues read over an API have no blocks). */
  readonly refreshMs: number
  /** Ends the watch (the subscriber left). */
  readonly signal: AbortSignal
}

/**
 * The `health` subscription's source. Reads the portfolio once (so a bad
 * argument fails the subscription at once), then returns the updates: that
 * first state, then one update each time a new read changes a venue's
 * status, health factor or liquidation distance. The wallet is read again
 * when the shared head poll (`ticker`) sees a chain's head move, and at the
 * latest every `refreshMs`; reads go through the service's per-block cache,
 * so subscribers of one wallet share them. A later read that throws (it
 * should not: a failing chain degrades its venues) is reported to
 * `onReadError` and the watch goes on. The updates end when `signal` aborts.
 * @throws InvalidArgumentError for bad parameters, e.g. an unknown chain id.
 */
export async function watchPortfolioHealth(
  service: PortfolioService,
  params: WatchHealthParameters,
  options: WatchOptions,
): Promise<AsyncGenerator<HealthUpdate>> {
  const { thresholds = {}, ...query } = params
  const release = options.ticker.acquire()
  try {
    const seen = options.ticker.version()
    const first = await service.get(query)
    return healthUpdates(first, seen, () => service.get(query), thresholds, options, release)
  } catch (error) {
    release()
    throw error
  }
}

type WatchOptions = WatchHealthOptions & { readonly onReadError?: ((error: unknown) => void) | undefined }

/** The updates after the first read; `release` is called once they end (the subscriber left). */
async function* healthUpdates(
  first: Portfolio,
  firstVersion: number,
  read: () => Promise<Portfolio>,
  thresholds: HealthThresholds,
  options: WatchOptions,
  release: () => void,
): AsyncGenerator<HealthUpdate> {
  let seen = firstVersion
  let sequence = 0
  let previous: Map<string, VenueHealthState> | null = null
  // the last known value of each venue (carried while it is unavailable)
  const lastKnown = new Map<string, VenueHealthState>()
  let portfolio = first
  try {
    for (;;) {
      const states = healthStatesOf(portfolio)
      const changed = previous === null ? [...states.keys()] : changedVenues(previous, states)
      if (previous === null || changed.length > 0) {
        const alerts = crossings(previous === null ? null : lastKnown, states, thresholds)
        sequence += 1
        yield { sequence, reason: previous === null ? 'INITIAL' : 'CHANGED', changedVenueIds: changed, alerts, portfolio }
      }
      for (const [id, state] of states) if (state.healthFactor !== null) lastKnown.set(id, state)
      previous = states
      for (;;) {
        try {
          await options.ticker.changedSince(seen, { signal: options.signal, maxWaitMs: options.refreshMs })
        } catch {
          return // aborted: the subscriber left
        }
        seen = options.ticker.version()
        try {
          portfolio = await read()
          break
        } catch (error) {
          options.onReadError?.(error)
        }
      }
    }
  } finally {
    release()
  }
}
