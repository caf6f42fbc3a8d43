import { toFloat, WAD } from '../../math/fixedPoint.js'
import { factorsOf, type RiskFactorId } from '../../domain/riskFactor.js'
import type { AvailableVenue, LiquidationPrice, VenuePosition } from '../../domain/venue.js'
import { UNIFORM_MOVE_SCALE, type UniformMoveLiquidation, type VenueModel } from '../venueModel.js'
import { computeAaveV3AccountData, type AaveV3AccountData } from './computeAaveV3AccountData.js'
import { findAaveV3LiquidationOnPath, isAaveV3Liquidatable } from './aaveV3Shock.js'
import type { AaveV3AccountState, AaveV3ReserveState } from './types.js'

const USD_E8 = 10n ** 8n

/** Formula the venue's health factor reproduces. */
export const AAVE_V3_HEALTH_FORMULA =
  'Aave V3 GenericLogic.calculateUserAccountData: HF = percentMul(Σ collateral_i, ⌊Σ collateral_i·LT_i / Σ collateral_i⌋).wadDiv(Σ debt_j), base currency USD 1e8'

/** Venue id, stable across blocks. */
export function aaveV3VenueId(chainId: number, pool: string): string {
  return `aave-v3:${chainId}:${pool}`
}

/**
 * Normalizes an Aave V3 account into xmargin's margin model and attaches its
 * exact model: health factor equal to the contract's, liquidation price per
 * risk factor (others fixed) found on the contract's own integer arithmetic.
 */
export function toAaveV3VenueModel(state: AaveV3AccountState, protocolVersion: string): VenueModel {
  const data = computeAaveV3AccountData(state)
  const positions = toPositions(state, data)
  const assetsUsd = positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const debtUsd = positions.filter((p) => p.side === 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const weighted = (w: (p: VenuePosition) => number) =>
    positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + w(p) * p.valueUsd, 0)
  const weightedCollateralUsd = weighted((p) => p.maintenanceWeight)
  const venue: AvailableVenue = {
    status: 'available',
    id: aaveV3VenueId(state.chainId, state.pool),
    protocol: 'AAVE_V3',
    chainId: state.chainId,
    account: state.account,
    market: state.pool,
    protocolVersion,
    block: state.block,
    positions,
    health:
      data.healthFactorWad === null
        ? { kind: 'noDebt' }
        : {
            kind: 'ok',
            healthFactorWad: data.healthFactorWad,
            healthFactor: toFloat(data.healthFactorWad, WAD),
            liquidatable: isAaveV3Liquidatable(data),
          },
    margin: {
      collateralUsd: assetsUsd,
      debtUsd,
      equityUsd: assetsUsd - debtUsd,
      weightedCollateralUsd,
      maintenanceMarginUsd: assetsUsd - weightedCollateralUsd,
      initialMarginUsd: assetsUsd - weighted((p) => p.initialWeight),
      totalCollateralBase: data.totalCollateralBase,
      totalDebtBase: data.totalDebtBase,
      avgLiquidationThresholdBps: data.avgLiquidationThresholdBps,
      avgLtvBps: data.avgLtvBps,
    },
    liquidationPrices: liquidationPrices(state, data),
    eModeCategory: state.userEModeCategory,
    formula: AAVE_V3_HEALTH_FORMULA,
  }
  return {
    venue,
    liquidationUnderUniformMove: (factors, direction) => uniformMove(state, data, factors, direction),
  }
}

function toPositions(state: AaveV3AccountState, data: AaveV3AccountData): VenuePosition[] {
  const out: VenuePosition[] = []
  for (const f of data.reserves) {
    const r = f.reserve
    const unit = 10n ** BigInt(r.decimals)
    const asset = { symbol: r.symbol, address: r.asset, decimals: r.decimals, exposure: r.exposure }
    const price = {
      priceE8: f.priceE8,
      priceUsd: toFloat(f.priceE8, USD_E8),
      oracle: state.oracle,
      feed: r.feed,
      updatedAt: r.feedUpdatedAt,
    }
    // token units · USD 1e8 / 10^decimals → USD float
    const usd = (amount: bigint) => toFloat(amount * f.priceE8, unit * USD_E8)
    if (f.supplied > 0n) {
      out.push({
        asset,
        side: f.isCollateral ? 'COLLATERAL' : 'SUPPLY',
        amount: f.supplied,
        amountFloat: toFloat(f.supplied, unit),
        valueUsd: usd(f.supplied),
        price,
        maintenanceWeight: f.isCollateral ? Number(f.liquidationThresholdBps) / 1e4 : 0,
        initialWeight: f.isCollateral ? Number(f.ltvBps) / 1e4 : 0,
        liquidationBonus: Number(f.liquidationBonusBps) / 1e4 - 1,
        variableDebt: null,
        stableDebt: null,
      })
    }
    const debt = f.variableDebt + f.stableDebt
    if (debt > 0n) {
      out.push({
        asset,
        side: 'DEBT',
        amount: debt,
        amountFloat: toFloat(debt, unit),
        valueUsd: usd(debt),
        price,
        maintenanceWeight: 1,
        initialWeight: 1,
        liquidationBonus: null,
        variableDebt: f.variableDebt,
        stableDebt: f.stableDebt,
      })
    }
  }
  return out
}

/**
 * The reserve whose feed quotes a factor: for a base factor an asset priced
 * by it alone (WETH for ETH), for a ratio factor the asset carrying it
 * (wstETH for WSTETH_ETH); assets the account holds are preferred.
 */
function referenceReserve(
  state: AaveV3AccountState,
  data: AaveV3AccountData,
  factor: RiskFactorId,
): AaveV3ReserveState | undefined {
  const held = new Set(data.reserves.map((f) => f.reserve.id))
  const candidates = state.reserves
    .filter((r) =>
      r.exposure.ratio === factor || (r.exposure.base === factor && r.exposure.ratio === undefined),
    )
    .filter((r) => r.priceE8 > 0n)
  return candidates.find((r) => held.has(r.id)) ?? candidates[0]
}

function liquidationPrices(state: AaveV3AccountState, data: AaveV3AccountData): LiquidationPrice[] {
  const factors = [...new Set(data.reserves.flatMap((f) => factorsOf(f.reserve.exposure)))].sort()
  return factors.map((factor): LiquidationPrice => {
    if (data.healthFactorWad === null) return { kind: 'none', riskFactor: factor, reason: 'NO_DEBT' }
    const ref = referenceReserve(state, data, factor)
    if (!ref) return { kind: 'none', riskFactor: factor, reason: 'NOT_EXPOSED' }
    const p0 = ref.priceE8
    const result = findAaveV3LiquidationOnPath(state, data, {
      factors: new Set([factor]),
      t0: p0,
      tMin: 1n,
      tMax: 11n * p0,
    })
    const b = result.boundary
    if (b.kind === 'notExposed') return { kind: 'none', riskFactor: factor, reason: 'NOT_EXPOSED' }
    if (b.kind === 'none') return { kind: 'none', riskFactor: factor, reason: 'OUT_OF_RANGE' }
    const priceE8 = b.kind === 'already' ? p0 : b.t
    return {
      kind: 'price',
      riskFactor: factor,
      referenceAsset: ref.symbol,
      priceE8,
      priceUsd: toFloat(priceE8, USD_E8),
      currentPriceE8: p0,
      changePct: changePct(priceE8, p0),
      direction: 'direction' in result && result.direction > 0 ? 'UP' : 'DOWN',
      alreadyLiquidatable: b.kind === 'already',
    }
  })
}

function uniformMove(
  state: AaveV3AccountState,
  data: AaveV3AccountData,
  factors: ReadonlySet<RiskFactorId>,
  direction: -1 | 1,
): UniformMoveLiquidation {
  if (data.healthFactorWad === null) return { kind: 'none' }
  if (isAaveV3Liquidatable(data)) return { kind: 'already' }
  const result = findAaveV3LiquidationOnPath(state, data, {
    factors,
    t0: UNIFORM_MOVE_SCALE,
    // a one-direction search: the other half of the range is cut off
    tMin: direction < 0 ? 1n : UNIFORM_MOVE_SCALE,
    tMax: direction < 0 ? UNIFORM_MOVE_SCALE : 11n * UNIFORM_MOVE_SCALE,
  })
  const b = result.boundary
  if (b.kind !== 'crossing') return b.kind === 'already' ? { kind: 'already' } : { kind: 'none' }
  if ('direction' in result && result.direction !== direction) return { kind: 'none' }
  return { kind: 'move', changePct: changePct(b.t, UNIFORM_MOVE_SCALE) }
}

/** 100·(p/p0 − 1) in float, from integers. */
export function changePct(p: bigint, p0: bigint): number {
  return (toFloat(p - p0, p0) * 100)
}
