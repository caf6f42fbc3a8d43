import { toFloat } from '../math/fixedPoint.js'
import type { RiskFactorId } from '../domain/riskFactor.js'
import type { LiquidationPrice } from '../domain/venue.js'
import { estimateShockRoot, type BufferTerm } from './estimateShockRoot.js'
import { findLiquidationBoundary, type BoundaryProbe, type LiquidationBoundary } from './findLiquidationBoundary.js'
import type { PriceShock } from './shock.js'
import { UNIFORM_MOVE_SCALE, type UniformMoveLiquidation } from './venueModel.js'

/**
 * What a protocol gives the generic search: a float model of its margin
 * buffer (to place the search) and its exact arithmetic (to decide).
 */
export type ExactShockModel = {
  /**
   * Buffer terms at current prices for a set of shocked factors: weighted
   * collateral positive, debt negative, each with its power. With `safe`, the
   * weights are lowered by the largest rounding the protocol applies, so a
   * positive safe buffer proves the account healthy.
   */
  bufferTerms(factors: ReadonlySet<RiskFactorId>, safe: boolean): BufferTerm[]
  /** The protocol's exact liquidation test under a shock. */
  probe(shock: PriceShock): BoundaryProbe
  /** Has debt (no debt: nothing to liquidate). */
  readonly hasDebt: boolean
  /** Liquidatable at current prices. */
  readonly liquidatable: boolean
}

/** A path: the shock at integer parameter t is t/t0 on `factors`; t ranges over [tMin, tMax]. */
export type ShockPath = {
  readonly factors: ReadonlySet<RiskFactorId>
  readonly t0: bigint
  readonly tMin: bigint
  readonly tMax: bigint
}

/**
 * First exact liquidation along a shock path: the float root places the
 * search, the safe root bounds the provably healthy stretch, and the
 * protocol's own arithmetic decides (findLiquidationBoundary).
 */
export function findLiquidationOnPath(
  model: ExactShockModel,
  path: ShockPath,
): { boundary: LiquidationBoundary; direction: -1 | 1 } | { boundary: { kind: 'notExposed' } } {
  const t0f = Number(path.t0)
  const mMin = Number(path.tMin) / t0f
  const mMax = Number(path.tMax) / t0f
  const estimate = estimateShockRoot(model.bufferTerms(path.factors, false), mMin, mMax)
  if (estimate.kind === 'notExposed') return { boundary: { kind: 'notExposed' } }
  const safe = estimateShockRoot(model.bufferTerms(path.factors, true), mMin, mMax)
  const boundary = findLiquidationBoundary({
    t0: path.t0,
    direction: estimate.direction,
    tMin: path.tMin,
    tMax: path.tMax,
    estimate: estimate.multiplier === null ? null : estimate.multiplier * t0f,
    healthyUntil:
      safe.kind === 'root' && safe.direction === estimate.direction && safe.multiplier !== null ? safe.multiplier * t0f : null,
    probe: (t) => model.probe({ factors: path.factors, num: t, den: path.t0 }),
  })
  return { boundary, direction: estimate.direction }
}

/**
 * Liquidation price of one risk factor, others fixed, in the 1e-8 USD units
 * of its reference feed, searched over −100%…+1000% (DOMAIN.md "Liquidation distance").
 */
export function liquidationPriceOf(
  model: ExactShockModel,
  factor: RiskFactorId,
  reference: { symbol: string; priceE8: bigint } | null,
): LiquidationPrice {
  if (!model.hasDebt) return { kind: 'none', riskFactor: factor, reason: 'NO_DEBT' }
  if (!reference || reference.priceE8 <= 0n) return { kind: 'none', riskFactor: factor, reason: 'NO_REFERENCE_PRICE' }
  const p0 = reference.priceE8
  const result = findLiquidationOnPath(model, { factors: new Set([factor]), t0: p0, tMin: 1n, tMax: 11n * p0 })
  const b = result.boundary
  if (b.kind === 'notExposed') return { kind: 'none', riskFactor: factor, reason: 'NOT_EXPOSED' }
  if (b.kind === 'none') return { kind: 'none', riskFactor: factor, reason: 'OUT_OF_RANGE' }
  const priceE8 = b.kind === 'already' ? p0 : b.t
  return {
    kind: 'price',
    riskFactor: factor,
    referenceAsset: reference.symbol,
    priceE8,
    priceUsd: toFloat(priceE8, USD_E8),
    currentPriceE8: p0,
    changePct: changePct(priceE8, p0),
    direction: 'direction' in result && result.direction > 0 ? 'UP' : 'DOWN',
    alreadyLiquidatable: b.kind === 'already',
  }
}

/** The first uniform move of `factors` in `direction` that liquidates, resolved to 1e-9. */
export function uniformMoveOf(
  model: ExactShockModel,
  factors: ReadonlySet<RiskFactorId>,
  direction: -1 | 1,
): UniformMoveLiquidation {
  if (!model.hasDebt) return { kind: 'none' }
  if (model.liquidatable) return { kind: 'already' }
  const result = findLiquidationOnPath(model, {
    factors,
    t0: UNIFORM_MOVE_SCALE,
    // one direction only: the other half of the range is cut off
    tMin: direction < 0 ? 1n : UNIFORM_MOVE_SCALE,
    tMax: direction < 0 ? UNIFORM_MOVE_SCALE : 11n * UNIFORM_MOVE_SCALE,
  })
  const b = result.boundary
  if (b.kind !== 'crossing') return b.kind === 'already' ? { kind: 'already' } : { kind: 'none' }
  if ('direction' in result && result.direction !== direction) return { kind: 'none' }
  return { kind: 'move', changePct: changePct(b.t, UNIFORM_MOVE_SCALE) }
}

/** 100·(p/p0 − 1) as a float, from integers. */
export function changePct(p: bigint, p0: bigint): number {
  return toFloat(p - p0, p0) * 100
}

const USD_E8 = 10n ** 8n
