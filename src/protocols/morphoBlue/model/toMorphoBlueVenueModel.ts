import { toFloat, WAD } from '../../../math/fixedPoint.js'
import { ORACLE_PRICE_SCALE } from '@morpho-org/blue-sdk'
import { factorsOf, type RiskFactorId } from '../../../domain/riskFactor.js'
import type { AvailableVenue, LiquidationPrice, OraclePrice, VenueMargin, VenuePosition } from '../../../domain/venue.js'
import type { VenueLiquidation } from '../../../domain/stress.js'
import { liquidationPriceOf, uniformMoveOf } from '../../../risk/shockSearch.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import { computeMorphoBluePosition, morphoBlueOracleLiquidationPrice, type MorphoBluePositionData } from './computeMorphoBluePosition.js'
import { morphoBlueShockModel, morphoOraclePriceUnderMoves } from './morphoBlueShock.js'
import { simulateMorphoBlueLiquidation } from './simulateMorphoBlueLiquidation.js'
import { applyMorphoBlueActions, moveMorphoBluePrices } from './applyMorphoBlueActions.js'
import { moveMultiplier, type PriceMoves } from '../../../risk/shock.js'
import { secondsToLiquidation, TIME_TO_LIQUIDATION_HORIZON_SECONDS } from '../../../risk/timeToLiquidation.js'
import { priceFreshness } from '../../../risk/freshness.js'
import { toMorphoBlueKernel } from './morphoBlueKernel.js'
import type { MorphoBlueAccountState, MorphoBlueAsset } from './types.js'

const USD_E8 = 10n ** 8n

/** Formula the venue's health factor reproduces. */
export const MORPHO_BLUE_HEALTH_FORMULA =
  'Morpho Blue Morpho._isHealthy: HF = (collateral.mulDivDown(oraclePrice, 1e36).wMulDown(LLTV)).wDivDown(borrowShares.toAssetsUp(totals accrued to the block))'

/** Venue id, stable across blocks and unique across owners: `morpho-blue:<chainId>:<marketId>:<account>`. */
export function morphoBlueVenueId(chainId: number, marketId: string, account: string): string {
  return `morpho-blue:${chainId}:${marketId}:${account}`
}

/**
 * Normalizes a Morpho Blue market position into the margin model: collateral
 * valued at Morpho's own oracle converted to USD with the chain's USD price of
 * the loan token; maintenance and initial weight both LLTV (Morpho has one);
 * health, liquidation prices and the LIF by Morpho's rules.
 */
export function toMorphoBlueVenueModel(state: MorphoBlueAccountState): VenueModel {
  const data = computeMorphoBluePosition(state)
  const venue = toMorphoBlueVenue(state, data)
  const positions = venue.positions
  const model = morphoBlueShockModel(state, data)
  return {
    venue,
    kernel: toMorphoBlueKernel(venue.id, state, data),
    liquidationUnderUniformMove: (factors, direction) => uniformMoveOf(model, factors, direction),
    simulate(moves, actions) {
      const r = applyMorphoBlueActions(moveMorphoBluePrices(state, moves), actions)
      return { model: toMorphoBlueVenueModel(r.state), warnings: r.warnings }
    },
    liquidate: (moves) => liquidateMorphoBlue(state, venue.id, moves),
    evaluate(moves) {
      const moved = computeMorphoBluePosition(state, morphoOraclePriceUnderMoves(state, moves))
      const equityUsd = positions.reduce((s, p) => s + (p.side === 'DEBT' ? -1 : 1) * p.valueUsd * moveMultiplier(p.asset.exposure, moves), 0)
      return {
        healthFactor: moved.healthFactorWad === null ? null : toFloat(moved.healthFactorWad, WAD),
        liquidatable: moved.liquidatable,
        equityUsd,
      }
    },
  }
}

/** The venue: its lines, health as Morpho computes it (WAD), margin figures, liquidation prices, the market's parameters as details, and the time until interest alone makes it liquidatable. */
function toMorphoBlueVenue(state: MorphoBlueAccountState, data: MorphoBluePositionData): AvailableVenue {
  const positions = toPositions(state, data)
  return {
    status: 'available',
    id: morphoBlueVenueId(state.chainId, state.marketId, state.account),
    protocol: 'MORPHO_BLUE',
    chainId: state.chainId,
    account: state.account,
    market: state.morpho,
    protocolVersion: '1.0',
    block: state.block,
    source: { kind: 'CHAIN' },
    positions,
    health:
      data.healthFactorWad === null
        ? { kind: 'noDebt' }
        : { kind: 'ok', healthFactorWad: data.healthFactorWad, healthFactor: toFloat(data.healthFactorWad, WAD), liquidatable: data.liquidatable },
    margin: toMorphoBlueMargin(state, data, positions),
    liquidationPrices: liquidationPrices(state, data),
    formula: MORPHO_BLUE_HEALTH_FORMULA,
    details: {
      protocol: 'MORPHO_BLUE',
      marketId: state.marketId,
      loanToken: state.params.loanToken,
      collateralToken: state.params.collateralToken,
      oracle: state.params.oracle,
      irm: state.params.irm,
      lltvWad: state.params.lltv,
      liquidationIncentiveFactorWad: data.liquidationIncentiveFactor,
      oraclePrice: state.oraclePrice,
      oracleLiquidationPrice: morphoBlueOracleLiquidationPrice(state, data),
      borrowRatePerSecondWad: state.borrowRate,
      borrowAssets: data.borrowed,
      collateralValue: data.collateralValue,
      lastUpdate: state.market.lastUpdate,
      oracleModeledExactly: state.oracleModel.kind === 'feedRatio',
    },
    stalePrices: [...new Set(positions.filter((p) => p.price.stale).map((p) => p.asset.symbol))],
    // Morpho Blue has no close factor: one liquidation may repay the whole debt
    closeFactor: 1,
    liquidationBlocked: false,
    timeToLiquidationSeconds:
      data.healthFactorWad === null
        ? null
        : secondsToLiquidation((dt) => computeMorphoBluePosition({ ...state, timestamp: state.timestamp + dt }).liquidatable, TIME_TO_LIQUIDATION_HORIZON_SECONDS),
  }
}

/** Margin figures: the lines' USD values with the collateral weighted by LLTV (maintenance and initial alike), and the collateral value and debt in USD·1e8 at the loan token's USD price. */
function toMorphoBlueMargin(state: MorphoBlueAccountState, data: MorphoBluePositionData, positions: readonly VenuePosition[]): VenueMargin {
  const lltv = toFloat(state.params.lltv, WAD)
  const assetsUsd = positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const collateralUsd = positions.filter((p) => p.side === 'COLLATERAL').reduce((s, p) => s + p.valueUsd, 0)
  const debtUsd = positions.filter((p) => p.side === 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const lltvBps = (state.params.lltv * 10_000n) / WAD
  // loan token units → USD 1e8 at the loan token's USD price, rounded down
  const toUsdE8 = (loanUnits: bigint) => (loanUnits * (state.loanAsset.priceE8 ?? 0n)) / 10n ** BigInt(state.loanAsset.decimals)
  return {
    collateralUsd: assetsUsd,
    debtUsd,
    equityUsd: assetsUsd - debtUsd,
    weightedCollateralUsd: collateralUsd * lltv,
    maintenanceMarginUsd: assetsUsd - collateralUsd * lltv,
    initialMarginUsd: assetsUsd - collateralUsd * lltv,
    // USD 1e8 at the loan token's USD price (0 where it has none, as the USD figures); loan token units are in details
    totalCollateralBase: toUsdE8(data.collateralValue),
    totalDebtBase: toUsdE8(data.borrowed),
    avgLiquidationThresholdBps: lltvBps,
    avgLtvBps: lltvBps,
  }
}

/** Morpho's liquidation under moves (simulateMorphoBlueLiquidation at the moved oracle price): one step repaying the whole debt, its USD figures at the moved loan price, bad debt noted. */
function liquidateMorphoBlue(state: MorphoBlueAccountState, venueId: string, moves: PriceMoves): VenueLiquidation {
  const price = morphoOraclePriceUnderMoves(state, moves)
  const r = simulateMorphoBlueLiquidation(state, price)
  if (!r) return { venueId, steps: [], costUsd: 0, exact: true, note: null }
  const loanUsd = (state.loanAsset.priceE8 === null ? 0 : Number(state.loanAsset.priceE8) / 1e8) * moveMultiplier(state.loanAsset.exposure, moves)
  const repaid = Number(r.repaidAssets) / 10 ** state.loanAsset.decimals
  const seized = Number(r.seizedAssets) / 10 ** state.collateralAsset.decimals
  // the seized collateral's worth in loan units at Morpho's oracle, then USD
  const seizedUsd = (Number((r.seizedAssets * price) / 10n ** 36n) / 10 ** state.loanAsset.decimals) * loanUsd
  const step = {
    debtAsset: state.loanAsset.symbol,
    debtRepaid: repaid,
    debtRepaidUsd: repaid * loanUsd,
    collateralAsset: state.collateralAsset.symbol,
    collateralSeized: seized,
    collateralSeizedUsd: seizedUsd,
    costUsd: seizedUsd - repaid * loanUsd,
    closeFactor: 1,
    healthFactorAfter: null,
  }
  const badDebt = Number(r.badDebtAssets) / 10 ** state.loanAsset.decimals
  return { venueId, steps: [step], costUsd: step.costUsd, exact: true, note: badDebt > 0 ? `all collateral seized; ${badDebt} ${state.loanAsset.symbol} of debt becomes bad debt` : null }
}

/** The loan token's price line: its USD·1e8 price (0 without one), the quote feed of a feed-ratio oracle and its freshness. */
function morphoBlueLoanPrice(state: MorphoBlueAccountState): OraclePrice {
  const loan = state.loanAsset
  const m = state.oracleModel
  return {
    priceE8: loan.priceE8 ?? 0n,
    priceUsd: loan.priceE8 === null ? 0 : toFloat(loan.priceE8, USD_E8),
    oracle: loan.priceSource ?? state.params.oracle,
    feed: m.kind === 'feedRatio' ? m.quoteFeed : null,
    updatedAt: m.kind === 'feedRatio' ? m.quoteUpdatedAt : null,
    heartbeatSeconds: loan.heartbeatSeconds,
    ...priceFreshness(m.kind === 'feedRatio' ? m.quoteUpdatedAt : null, loan.heartbeatSeconds, state.block.timestamp),
  }
}

/** The collateral's price line: the USD price implied by Morpho's oracle (1e36 scale) and the loan token's USD price, the base feed of a feed-ratio oracle and its freshness. */
function morphoBlueCollateralPrice(state: MorphoBlueAccountState): OraclePrice {
  const loan = state.loanAsset
  const coll = state.collateralAsset
  const m = state.oracleModel
  const loanUsd = loan.priceE8 === null ? 0 : toFloat(loan.priceE8, USD_E8)
  const collPriceUsd = toFloat(state.oraclePrice * 10n ** BigInt(coll.decimals), ORACLE_PRICE_SCALE * 10n ** BigInt(loan.decimals)) * loanUsd
  return {
    priceE8: BigInt(Math.round(collPriceUsd * 1e8)),
    priceUsd: collPriceUsd,
    oracle: state.params.oracle,
    feed: m.kind === 'feedRatio' ? m.baseFeed : null,
    updatedAt: m.kind === 'feedRatio' ? m.baseUpdatedAt : null,
    heartbeatSeconds: coll.heartbeatSeconds,
    ...priceFreshness(m.kind === 'feedRatio' ? m.baseUpdatedAt : null, coll.heartbeatSeconds, state.block.timestamp),
  }
}

/** The position's lines where nonzero: collateral (weight LLTV, bonus LIF − 1), loan-token supply and debt, token amounts with USD values at the loan token's USD price. */
function toPositions(state: MorphoBlueAccountState, data: MorphoBluePositionData): VenuePosition[] {
  const loan = state.loanAsset
  const coll = state.collateralAsset
  const loanUnit = 10n ** BigInt(loan.decimals)
  const loanUsd = loan.priceE8 === null ? 0 : toFloat(loan.priceE8, USD_E8)
  const loanUsdOf = (loanUnits: bigint) => toFloat(loanUnits, loanUnit) * loanUsd
  const lltv = toFloat(state.params.lltv, WAD)
  const lif = toFloat(data.liquidationIncentiveFactor, WAD)
  const loanPrice = morphoBlueLoanPrice(state)
  const collPrice = morphoBlueCollateralPrice(state)
  const collUnit = 10n ** BigInt(coll.decimals)
  const ref = (a: MorphoBlueAsset) => ({ symbol: a.symbol, address: a.address, decimals: a.decimals, exposure: a.exposure })
  const out: VenuePosition[] = []
  if (data.collateral > 0n) {
    out.push({
      asset: ref(coll),
      side: 'COLLATERAL',
      amount: data.collateral,
      amountFloat: toFloat(data.collateral, collUnit),
      valueUsd: loanUsdOf(data.collateralValue),
      price: collPrice,
      maintenanceWeight: lltv,
      initialWeight: lltv,
      liquidationBonus: lif - 1,
      variableDebt: null,
      stableDebt: null,
      perp: null,
    })
  }
  if (data.supplied > 0n) {
    out.push({
      asset: ref(loan),
      side: 'SUPPLY',
      amount: data.supplied,
      amountFloat: toFloat(data.supplied, loanUnit),
      valueUsd: loanUsdOf(data.supplied),
      price: loanPrice,
      maintenanceWeight: 0,
      initialWeight: 0,
      liquidationBonus: null,
      variableDebt: null,
      stableDebt: null,
      perp: null,
    })
  }
  if (data.borrowed > 0n && state.position.borrowShares > 0n) {
    out.push({
      asset: ref(loan),
      side: 'DEBT',
      amount: data.borrowed,
      amountFloat: toFloat(data.borrowed, loanUnit),
      valueUsd: loanUsdOf(data.borrowed),
      price: loanPrice,
      maintenanceWeight: 1,
      initialWeight: 1,
      liquidationBonus: null,
      variableDebt: data.borrowed,
      stableDebt: 0n,
      perp: null,
    })
  }
  return out
}

/**
 * Reference feed of a factor for this market: the collateral's or the loan's
 * USD price, preferring the asset priced by the factor alone.
 */
function referenceOf(state: MorphoBlueAccountState, factor: RiskFactorId): { symbol: string; priceE8: bigint } | null {
  const assets = [state.loanAsset, state.collateralAsset]
  const pure = assets.find((a) => a.exposure.base === factor && a.exposure.ratio === undefined)
  const carrier = pure ?? assets.find((a) => a.exposure.ratio === factor) ?? assets.find((a) => factorsOf(a.exposure).includes(factor))
  if (!carrier || carrier.priceE8 === null) return null
  return { symbol: carrier.symbol, priceE8: carrier.priceE8 }
}

function liquidationPrices(state: MorphoBlueAccountState, data: MorphoBluePositionData): LiquidationPrice[] {
  const model = morphoBlueShockModel(state, data)
  const factors = [...new Set([...factorsOf(state.collateralAsset.exposure), ...factorsOf(state.loanAsset.exposure)])].sort()
  return factors.map((f) => liquidationPriceOf(model, f, referenceOf(state, f)))
}
