import { WAD } from '../../math/fixedPoint.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import { applyShock, shockPower, type PriceShock } from '../shock.js'
import { estimateShockRoot, type BufferTerm } from '../estimateShockRoot.js'
import { findLiquidationBoundary, type LiquidationBoundary } from '../findLiquidationBoundary.js'
import { computeAaveV3AccountData, type AaveV3AccountData } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState } from './types.js'

/** The account evaluated with every oracle price shocked (exact, floor-rounded feeds). */
export function computeAaveV3AccountDataUnderShock(state: AaveV3AccountState, shock: PriceShock): AaveV3AccountData {
  return computeAaveV3AccountData(state, (reserve, price) => applyShock(price, reserve.exposure, shock))
}

/** Liquidatable as Aave V3 ValidationLogic.validateLiquidationCall: HF < 1e18 (WAD). */
export function isAaveV3Liquidatable(data: AaveV3AccountData): boolean {
  return data.healthFactorWad !== null && data.healthFactorWad < WAD
}

export type AaveV3ShockPath = {
  readonly factors: ReadonlySet<RiskFactorId>
  /** Value of the path parameter at the current prices (a feed value, or the multiplier denominator). */
  readonly t0: bigint
  readonly tMin: bigint
  readonly tMax: bigint
}

/**
 * Exact first liquidation along a shock path: the shock at parameter t is
 * num/den = t/t0 on `factors`. Uses the float buffer root as the estimate and
 * Aave's whole-bps average liquidation threshold as the piece key.
 */
export function findAaveV3LiquidationOnPath(
  state: AaveV3AccountState,
  base: AaveV3AccountData,
  path: AaveV3ShockPath,
): { boundary: LiquidationBoundary; direction: -1 | 1 } | { boundary: { kind: 'notExposed' } } {
  const terms: BufferTerm[] = base.reserves.flatMap((f) => {
    const power = shockPower(f.reserve.exposure, path.factors)
    const out: BufferTerm[] = []
    // USD 1e8 · bps / 1e4: the weighted collateral the health factor's numerator counts
    if (f.isCollateral) out.push({ weightedValue: (Number(f.collateralBase) * Number(f.liquidationThresholdBps)) / 1e4, power })
    if (f.debtBase > 0n) out.push({ weightedValue: -Number(f.debtBase), power })
    return out
  })
  const t0f = Number(path.t0)
  const estimate = estimateShockRoot(terms, Number(path.tMin) / t0f, Number(path.tMax) / t0f)
  // The contract's whole-bps average LT is at most 1 bps below the exact
  // average, and the other roundings are a few 1e-8 USD: a buffer computed
  // with every LT lowered by 2 bps and debt raised by 1e-9 is positive only
  // where the contract's health factor is ≥ 1.
  const safeTerms: BufferTerm[] = base.reserves.flatMap((f) => {
    const power = shockPower(f.reserve.exposure, path.factors)
    const out: BufferTerm[] = []
    if (f.isCollateral) out.push({ weightedValue: (Number(f.collateralBase) * (Number(f.liquidationThresholdBps) - 2)) / 1e4, power })
    if (f.debtBase > 0n) out.push({ weightedValue: -Number(f.debtBase) * (1 + 1e-9) - 10, power })
    return out
  })
  const safe = estimateShockRoot(safeTerms, Number(path.tMin) / t0f, Number(path.tMax) / t0f)
  if (estimate.kind === 'notExposed') return { boundary: { kind: 'notExposed' } }
  const probe = (t: bigint) => {
    const data = computeAaveV3AccountDataUnderShock(state, { factors: path.factors, num: t, den: path.t0 })
    return { liquidatable: isAaveV3Liquidatable(data), piece: data.avgLiquidationThresholdBps }
  }
  const boundary = findLiquidationBoundary({
    t0: path.t0,
    direction: estimate.direction,
    tMin: path.tMin,
    tMax: path.tMax,
    estimate: estimate.multiplier === null ? null : estimate.multiplier * t0f,
    healthyUntil: safe.kind === 'root' && safe.direction === estimate.direction && safe.multiplier !== null ? safe.multiplier * t0f : null,
    probe,
  })
  return { boundary, direction: estimate.direction }
}
