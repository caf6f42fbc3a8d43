import { type Address, type Hex } from 'viem'
import { factorsOf, type AssetExposure, type RiskFactorId } from '../../../domain/riskFactor.js'
import type { AvailableVenue, BlockRef, LiquidationPrice, OraclePrice, VenuePosition } from '../../../domain/venue.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { toFloat, WAD } from '../../../math/fixedPoint.js'
import {
  computeGmxV2LiquidationCheck,
  requireGmxV2LiquidationCheck,
  computeGmxV2PositionPnlUsd,
  GMX_FLOAT_PRECISION,
  gmxApplyFactor,
  gmxV2LiquidationPrice,
  type GmxV2LiquidationCheck,
  type GmxV2LiquidationPrice,
  type GmxV2MarketPrices,
  type GmxV2Price,
  type GmxV2PositionState,
} from './gmxV2Position.js'
import { applyMoves, applyShock, shockPower, type PriceMoves } from '../../../risk/shock.js'
import { changePct, liquidationPriceOf, uniformMoveOf, type ExactShockModel } from '../../../risk/shockSearch.js'
import type { VenueEvaluation, VenueModel } from '../../../risk/venueModel.js'
import { kernelLeg, type VenueKernel } from '../../../risk/kernel/venueKernel.js'
import type { VenueLiquidation } from '../../../domain/stress.js'
import type { VenueAction } from '../../../domain/simulation.js'

/** GMX v2 release whose liquidation rule the model follows (gmxV2Position.ts: v2.2 as in @gmx-io/sdk 1.4.0). */
export const GMX_V2_PROTOCOL_VERSION = '2.2'

/** Stable id of a position's venue: `gmx-v2:<chainId>:<positionKey>`. */
export function gmxV2VenueId(chainId: number, positionKey: Hex): string {
  return `gmx-v2:${chainId}:${positionKey}`
}

/** A token of a GMX venue with the feed it was priced from. */
export type GmxV2VenueAsset = {
  readonly symbol: string
  readonly address: Address
  readonly decimals: number
  readonly exposure: AssetExposure
  /** The Chainlink feed GMX configures for the token (Keys.PRICE_FEED), its answer's update time (unix seconds) and GMX's heartbeat for it. */
  readonly feed: Address
  readonly updatedAt: bigint
  readonly heartbeatSeconds: bigint
}

/** One position as a venue: the decoded state, the prices it was read at and its tokens. */
export type GmxV2VenueInput = {
  readonly chainId: number
  readonly block: BlockRef
  /** GMX's market name, e.g. `ETH/USD [WETH-USDC]`. */
  readonly marketName: string
  readonly state: GmxV2PositionState
  /** The prices passed to the Reader (feed prices, min = max), USD·1e30 per smallest unit. */
  readonly prices: GmxV2MarketPrices
  readonly index: GmxV2VenueAsset
  readonly collateral: GmxV2VenueAsset
  /** The market's long and short tokens move under shocks too (collateral value, pool value in the PnL cap). */
  readonly longExposure: AssetExposure
  readonly shortExposure: AssetExposure
  /** PositionInfo.basePnlUsd: the contract's PnL at `prices` (getPositionPnlUsd, capped), USD·1e30. */
  readonly basePnlUsd: bigint
}

const USD = GMX_FLOAT_PRECISION
/** USD·1e30 → USD·1e8. */
const E30_TO_E8 = 10n ** 22n

/**
 * The collateral a position must keep, USD·1e30:
 * max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactorForLiquidation, 1e-30 USD).
 * PositionUtils.isPositionLiquidatable (forLiquidation = true) liquidates when
 * remaining < MIN_COLLATERAL_USD, remaining ≤ 0 or remaining < size · factor;
 * on integers that is exactly remaining < this value.
 */
export function gmxV2RequiredCollateralUsd(s: GmxV2PositionState): bigint {
  const byFactor = gmxApplyFactor(s.sizeInUsd, s.market.minCollateralFactorForLiquidation)
  const required = byFactor > s.market.minCollateralUsd ? byFactor : s.market.minCollateralUsd
  return required > 1n ? required : 1n
}

/**
 * xmargin's GMX health factor, WAD: remaining collateral / required collateral
 * (gmxV2RequiredCollateralUsd), rounded down (toward −∞). Below 1e18 exactly
 * when the contract's liquidation check passes. `remainingUsd` and `requiredUsd` USD·1e30, requiredUsd > 0.
 */
export function gmxV2HealthFactorWad(remainingUsd: bigint, requiredUsd: bigint): bigint {
  const n = remainingUsd * WAD
  const q = n / requiredUsd
  return n < 0n && q * requiredUsd !== n ? q - 1n : q
}

type MarketExposures = { readonly index: AssetExposure; readonly long: AssetExposure; readonly short: AssetExposure }

function movePrices(prices: GmxV2MarketPrices, e: MarketExposures, move: (price: bigint, exposure: AssetExposure) => bigint): GmxV2MarketPrices {
  const m = (p: GmxV2Price, x: AssetExposure): GmxV2Price => ({ min: move(p.min, x), max: move(p.max, x) })
  return { indexTokenPrice: m(prices.indexTokenPrice, e.index), longTokenPrice: m(prices.longTokenPrice, e.long), shortTokenPrice: m(prices.shortTokenPrice, e.short) }
}

/**
 * One GMX v2 position as an isolated venue. Health factor: remaining
 * collateral / max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactorForLiquidation)
 * (gmxV2HealthFactorWad), where remaining collateral is that of
 * PositionUtils.isPositionLiquidatable (computeGmxV2LiquidationCheck): below 1
 * exactly when a keeper can liquidate at the read prices. Lines: the perp
 * (size in index tokens, signed; mark = the index feed price; maintenance rate
 * = minCollateralFactorForLiquidation, initial = minCollateralFactor, both of
 * sizeInUsd, the entry notional) and the collateral tokens. Liquidation price
 * of the index token's factor: GMX's interface formula (gmxV2LiquidationPrice,
 * the price app.gmx.io shows) when the collateral is the index token or does
 * not move with it; otherwise, and for other factors (the collateral's),
 * the first price at which the exact check liquidates (bisection). Uniform
 * moves and scenarios revalue with the exact check at moved prices (floor of
 * price · num/den per token); the bisection assumes the check flips once
 * along the path, which fee-factor switches and token-valued open interest
 * can break within a few units of the boundary.
 * @throws GmxV2ZeroPriceError when the collateral's price is 0.
 */
export function toGmxV2VenueModel(input: GmxV2VenueInput): VenueModel {
  const r = computeGmxV2Reading(input)
  const model = toGmxV2ShockModel(r)
  const venue = toGmxV2Venue(r, [toGmxV2PerpLine(r), toGmxV2CollateralLine(r)], toGmxV2LiquidationPrices(r, model))
  return {
    venue,
    kernel: toGmxV2Kernel(r, venue.id),
    liquidationUnderUniformMove: (f, direction) => uniformMoveOf(model, f, direction),
    simulate: (moves, actions) => simulateGmxV2(r, venue.id, moves, actions),
    liquidate: (moves) => liquidateGmxV2(r, venue.id, moves),
    evaluate: (moves) => evaluateGmxV2(r, moves),
  }
}

/** The liquidation check of a position whose collateral has a price (the model refuses the other case). */
type CheckedLiquidation = Extract<GmxV2LiquidationCheck, { readonly kind: 'checked' }>

/** What every part of a GMX v2 venue reads, computed once at the read prices: GMX's USD·1e30 bigints, and USD floats for display and the kernel. */
type GmxV2Reading = {
  readonly input: GmxV2VenueInput
  /** The contract's liquidation check at the read prices. */
  readonly check: CheckedLiquidation
  readonly exposures: MarketExposures
  /** gmxV2RequiredCollateralUsd (maintenance), USD·1e30. */
  readonly requiredUsd: bigint
  /** max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactor) (initial), USD·1e30. */
  readonly initialRequiredUsd: bigint
  readonly healthFactorWad: bigint
  /** The collateral token's min price, USD·1e30 per smallest unit. */
  readonly collateralPriceMin: bigint
  readonly indexOracle: OraclePrice
  readonly collateralOracle: OraclePrice
  /** +1 long, −1 short. */
  readonly sign: number
  /** Size in whole index tokens. */
  readonly sizeTokens: number
  /** Size at the index feed price, USD. */
  readonly notionalUsd: number
  /** Collateral at its min price, USD. */
  readonly collateralUsd: number
  /** Pending borrowing and funding fees, USD·1e30. */
  readonly pendingFeesUsd: bigint
  readonly interfacePrice: GmxV2LiquidationPrice
}

/** USD·1e30 → USD float. */
function usd(v: bigint): number {
  return toFloat(v, USD)
}

/** The collateral token's min price in `prices`, USD·1e30 per smallest unit. */
function collateralMinPriceOf(s: GmxV2PositionState, prices: GmxV2MarketPrices): bigint {
  return s.collateralSide === 'LONG' ? prices.longTokenPrice.min : prices.shortTokenPrice.min
}

/** The read prices (USD·1e30 per smallest unit) with per-factor moves applied to each token, floor of price · num/den. */
function movedPricesOf(r: GmxV2Reading, moves: PriceMoves): GmxV2MarketPrices {
  return movePrices(r.input.prices, r.exposures, (price, e) => applyMoves(price, e, moves))
}

/**
 * The position's liquidation check, requirements and display figures at the read prices.
 * @throws GmxV2ZeroPriceError when the collateral's price is 0.
 */
function computeGmxV2Reading(input: GmxV2VenueInput): GmxV2Reading {
  const { state: s, prices, index, collateral, block } = input
  const check = requireGmxV2LiquidationCheck(s, prices)
  const m = s.market
  const requiredUsd = gmxV2RequiredCollateralUsd(s)
  const collateralPriceMin = collateralMinPriceOf(s, prices)
  const indexPrice = prices.indexTokenPrice.min
  const initialByFactor = gmxApplyFactor(s.sizeInUsd, m.minCollateralFactor)
  return {
    input,
    check,
    exposures: { index: index.exposure, long: input.longExposure, short: input.shortExposure },
    requiredUsd,
    initialRequiredUsd: initialByFactor > m.minCollateralUsd ? initialByFactor : m.minCollateralUsd,
    healthFactorWad: gmxV2HealthFactorWad(check.remainingCollateralUsd, requiredUsd),
    collateralPriceMin,
    indexOracle: oraclePrice(index, indexPrice, block),
    collateralOracle: oraclePrice(collateral, collateralPriceMin, block),
    sign: s.isLong ? 1 : -1,
    sizeTokens: toFloat(s.sizeInTokens, 10n ** BigInt(index.decimals)),
    notionalUsd: usd(s.sizeInTokens * indexPrice),
    collateralUsd: usd(s.collateralAmount * collateralPriceMin),
    pendingFeesUsd: s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralPriceMin,
    interfacePrice: gmxV2LiquidationPrice(s, prices),
  }
}

/** The perp line: size in index tokens (signed by side), mark = the index feed price, margin rates of sizeInUsd, GMX's interface liquidation price (USD per token). */
function toGmxV2PerpLine(r: GmxV2Reading): VenuePosition {
  const { state: s, index } = r.input
  const m = s.market
  const maintenanceRate = usd(m.minCollateralFactorForLiquidation)
  const initialRate = usd(m.minCollateralFactor)
  // @gmx-io/sdk getLeverage without PnL: size / (collateral − pending fees)
  const leverageBase = s.collateralAmount * r.collateralPriceMin - r.pendingFeesUsd
  return {
    asset: { symbol: index.symbol, address: index.address, decimals: index.decimals, exposure: index.exposure },
    side: 'PERP',
    amount: s.sizeInTokens,
    amountFloat: r.sizeTokens,
    valueUsd: r.notionalUsd,
    price: r.indexOracle,
    maintenanceWeight: 1 - maintenanceRate,
    initialWeight: 1 - initialRate,
    liquidationBonus: null,
    variableDebt: null,
    stableDebt: null,
    perp: {
      market: r.input.marketName,
      sizeSigned: r.sign * r.sizeTokens,
      entryPrice: s.sizeInTokens > 0n ? usd((s.sizeInUsd * 10n ** BigInt(index.decimals)) / s.sizeInTokens) : null,
      markPrice: r.indexOracle.priceUsd,
      notionalSignedUsd: r.sign * r.notionalUsd,
      unrealizedPnlUsd: usd(r.input.basePnlUsd),
      marginMode: 'ISOLATED',
      leverage: leverageBase > 0n ? Number((s.sizeInUsd * 10_000n) / leverageBase) / 10_000 : null,
      maxLeverage: m.minCollateralFactor > 0n ? 1 / initialRate : null,
      maintenanceMarginRate: maintenanceRate,
      initialMarginRate: initialRate,
      venueLiquidationPrice: r.interfacePrice.kind === 'price' ? usd(r.interfacePrice.pricePerToken) : null,
    },
  }
}

/** The collateral line: the collateral tokens at their min feed price, weight 1 (GMX margins the position, not the collateral). */
function toGmxV2CollateralLine(r: GmxV2Reading): VenuePosition {
  const { state: s, collateral } = r.input
  return {
    asset: { symbol: collateral.symbol, address: collateral.address, decimals: collateral.decimals, exposure: collateral.exposure },
    side: 'COLLATERAL',
    amount: s.collateralAmount,
    amountFloat: toFloat(s.collateralAmount, 10n ** BigInt(collateral.decimals)),
    valueUsd: r.collateralUsd,
    price: r.collateralOracle,
    maintenanceWeight: 1,
    initialWeight: 1,
    liquidationBonus: null,
    variableDebt: null,
    stableDebt: null,
    perp: null,
  }
}

/** The exact check as a shock model: the contract's check at shocked prices as the probe, USD-float buffer terms whose root brackets its boundary. */
function toGmxV2ShockModel(r: GmxV2Reading): ExactShockModel {
  const { state: s, prices, index, collateral } = r.input
  const { check, sign, notionalUsd, collateralUsd } = r
  return {
    hasDebt: s.sizeInUsd > 0n,
    liquidatable: check.liquidatable,
    probe(shock) {
      const c = computeGmxV2LiquidationCheck(s, movePrices(prices, r.exposures, (price, e) => applyShock(price, e, shock)))
      return { liquidatable: c.kind === 'priceUnavailable' || c.liquidatable, piece: 0n }
    },
    bufferTerms(factors, safe) {
      // remaining − required ≈ collateral + sign·(tokens·P − sizeInUsd) + impact − costs − required;
      // `safe` adds the worst impact, the costs again and any PnL cap, so its root lies before the exact one
      const uncappedPnl = sign * (notionalUsd - usd(s.sizeInUsd))
      const cushion = safe ? usd(gmxApplyFactor(s.sizeInUsd, s.market.maxPositionImpactFactorForLiquidations)) + usd(check.collateralCostUsd) + Math.max(0, uncappedPnl - usd(check.positionPnlUsd)) : 0
      return [
        { weightedValue: collateralUsd, power: shockPower(collateral.exposure, factors) },
        { weightedValue: sign * notionalUsd, power: shockPower(index.exposure, factors) },
        { weightedValue: -sign * usd(s.sizeInUsd) + usd(check.priceImpactUsd) - usd(check.collateralCostUsd) - usd(r.requiredUsd) - cushion, power: 0 },
      ]
    },
  }
}

/** Liquidation price per factor of the index and collateral tokens (USD·1e8 of the reference feed): the interface formula for the index factor where it holds, else the exact check's boundary. */
function toGmxV2LiquidationPrices(r: GmxV2Reading, model: ExactShockModel): LiquidationPrice[] {
  const { state: s, index, collateral } = r.input
  const indexFactor = index.exposure.base
  // the interface formula holds the collateral's value fixed unless it is the index token itself
  const collateralMovesWithIndex = shockPower(collateral.exposure, new Set([indexFactor])) > 0
  const interfaceFormulaApplies = index.exposure.ratio === undefined && collateralMovesWithIndex === s.collateralIsIndexToken
  const assets = [index, collateral]
  const reference = (f: RiskFactorId) => {
    const a = assets.find((x) => x.exposure.base === f && x.exposure.ratio === undefined) ?? assets.find((x) => factorsOf(x.exposure).includes(f))
    return a ? { symbol: a.symbol, priceE8: (a === index ? r.indexOracle : r.collateralOracle).priceE8 } : null
  }
  const factors = [...new Set([...factorsOf(index.exposure), ...factorsOf(collateral.exposure)])].sort()
  return factors.map((f) => (f === indexFactor && interfaceFormulaApplies ? gmxV2InterfaceLiquidationPrice(r) : liquidationPriceOf(model, f, reference(f))))
}

/** The index factor's liquidation price by GMX's interface formula (gmxV2LiquidationPrice, USD·1e30 per token → USD·1e8), or the current price when already liquidatable. */
function gmxV2InterfaceLiquidationPrice(r: GmxV2Reading): LiquidationPrice {
  const { state: s, index } = r.input
  const { check, interfacePrice, indexOracle } = r
  const indexFactor = index.exposure.base
  const current = indexOracle.priceE8
  const direction = s.isLong ? 'DOWN' : 'UP'
  if (check.kind === 'checked' && check.liquidatable) {
    return { kind: 'price', riskFactor: indexFactor, referenceAsset: index.symbol, priceE8: current, priceUsd: indexOracle.priceUsd, currentPriceE8: current, changePct: 0, direction, alreadyLiquidatable: true }
  }
  if (interfacePrice.kind === 'none') return { kind: 'none', riskFactor: indexFactor, reason: 'OUT_OF_RANGE' }
  const priceE8 = interfacePrice.pricePerToken / E30_TO_E8
  return {
    kind: 'price',
    riskFactor: indexFactor,
    referenceAsset: index.symbol,
    priceE8,
    priceUsd: usd(interfacePrice.pricePerToken),
    currentPriceE8: current,
    changePct: current > 0n ? changePct(priceE8, current) : 0,
    direction: priceE8 < current ? 'DOWN' : 'UP',
    alreadyLiquidatable: false,
  }
}

/** The venue: health from the exact check (WAD), margin in USD floats with the check's remaining collateral as equity, perp account figures as details. */
function toGmxV2Venue(r: GmxV2Reading, positions: VenuePosition[], liquidationPrices: LiquidationPrice[]): AvailableVenue {
  const { state: s, index, collateral, block } = r.input
  const { check, healthFactorWad } = r
  const remainingUsd = usd(check.remainingCollateralUsd)
  return {
    status: 'available',
    id: gmxV2VenueId(r.input.chainId, s.positionKey),
    protocol: 'GMX_V2',
    chainId: r.input.chainId,
    account: s.account,
    market: s.market.marketToken,
    protocolVersion: GMX_V2_PROTOCOL_VERSION,
    block,
    source: { kind: 'CHAIN' },
    positions,
    health: { kind: 'ok', healthFactorWad, healthFactor: toFloat(healthFactorWad, WAD), liquidatable: check.liquidatable },
    margin: {
      collateralUsd: remainingUsd,
      debtUsd: 0,
      equityUsd: remainingUsd,
      weightedCollateralUsd: remainingUsd - usd(r.requiredUsd),
      maintenanceMarginUsd: usd(r.requiredUsd),
      initialMarginUsd: usd(r.initialRequiredUsd),
      // the check's remaining collateral, GMX's USD·1e30 rounded down to USD·1e8
      totalCollateralBase: check.remainingCollateralUsd / 10n ** 22n,
      totalDebtBase: 0n,
      avgLiquidationThresholdBps: 0n,
      avgLtvBps: 0n,
    },
    liquidationPrices,
    formula:
      'GMX v2 PositionUtils.isPositionLiquidatable (forLiquidation = true): health = (collateral + PnL + capped price impact − close costs) / max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactorForLiquidation), at the Chainlink feeds GMX configures (Keys.PRICE_FEED)',
    details: {
      protocol: 'GMX_V2',
      perp: {
        marginMode: 'ISOLATED',
        accountValueUsd: remainingUsd,
        venueAccountValueUsd: null,
        maintenanceMarginUsd: usd(r.requiredUsd),
        venueMaintenanceMarginUsd: null,
        initialMarginUsd: usd(r.initialRequiredUsd),
        venueMarginUsedUsd: null,
        freeCollateralUsd: null,
        rule: 'gmx-v2.2-isPositionLiquidatable',
      },
    },
    stalePrices: [...new Set([index, collateral].filter((_, i) => (i === 0 ? r.indexOracle : r.collateralOracle).stale).map((a) => a.symbol))],
    // a liquidation closes the whole position
    closeFactor: 1,
    liquidationBlocked: false,
    // borrowing and funding accrue with time and open interest: not modelled
    timeToLiquidationSeconds: null,
  }
}

/** The float kernel (USD): collateral and perp legs, the rest of the remaining collateral as a constant, and the close cost a keeper's liquidation takes. */
function toGmxV2Kernel(r: GmxV2Reading, venueId: string): VenueKernel {
  const { state: s, index, collateral } = r.input
  const { check, sign, notionalUsd, collateralUsd } = r
  const remainingUsd = usd(check.remainingCollateralUsd)
  // what a keeper's close costs at the read prices: collateral at the mark less what the check leaves
  const atMarkUsd = check.kind === 'checked' ? usd(s.collateralAmount * r.collateralPriceMin + check.positionPnlUsd - r.pendingFeesUsd) : 0
  return {
    venueId,
    health: { kind: 'margin' },
    legs: [
      kernelLeg({ exposure: collateral.exposure, role: 'supply', equityUsd: collateralUsd, valueUsd: collateralUsd }),
      kernelLeg({ exposure: index.exposure, role: 'perp', equityUsd: sign * notionalUsd, valueUsd: notionalUsd }),
    ],
    // remaining collateral at the read prices = collateral + signed notional + this constant (PnL against sizeInUsd, impact, costs, caps)
    constantEquityUsd: remainingUsd - collateralUsd - sign * notionalUsd,
    fixedMaintenanceUsd: usd(r.requiredUsd),
    liquidation: { kind: 'closeCost', closeCostUsd: Math.max(0, atMarkUsd - remainingUsd) },
    exactHealth: false,
  }
}

/**
 * The position rebuilt at moved prices, its PnL recomputed as getPositionPnlUsd.
 * @throws InvalidArgumentError for any what-if action, or moves that price the collateral at 0.
 */
function simulateGmxV2(r: GmxV2Reading, venueId: string, moves: PriceMoves, actions: readonly VenueAction[]): { model: VenueModel; warnings: string[] } {
  const { state: s, collateral } = r.input
  if (actions.length > 0) throw new InvalidArgumentError('actions', `${venueId}: what-if actions on GMX v2 positions are not supported yet.`)
  const moved = movedPricesOf(r, moves)
  const collateralMin = collateralMinPriceOf(s, moved)
  if (collateralMin <= 0n) throw new InvalidArgumentError('priceMoves', `${venueId}: the moves price its collateral ${collateral.symbol} at 0, which GMX cannot value.`)
  // the Reader's PnL was at the read prices; at moved prices it is recomputed as getPositionPnlUsd
  return { model: toGmxV2VenueModel({ ...r.input, prices: moved, basePnlUsd: computeGmxV2PositionPnlUsd(s, moved) }), warnings: [] }
}

/** A keeper's liquidation under moves, approximated as the whole position closed at the moved feed prices; costs in USD. */
function liquidateGmxV2(r: GmxV2Reading, venueId: string, moves: PriceMoves): VenueLiquidation {
  const { state: s, collateral } = r.input
  const moved = movedPricesOf(r, moves)
  const c = computeGmxV2LiquidationCheck(s, moved)
  const none = { venueId, steps: [], costUsd: 0, exact: false, note: null }
  if (c.kind === 'checked' && !c.liquidatable) return none
  // a keeper closes the whole position at the (moved) prices; the trader keeps what remains of the collateral
  const collateralMin = collateralMinPriceOf(s, moved)
  const pending = s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralMin
  const atMark = c.kind === 'checked' ? s.collateralAmount * collateralMin + c.positionPnlUsd - pending : 0n
  const remaining = c.kind === 'checked' ? c.remainingCollateralUsd : 0n
  const costUsd = Math.max(0, usd(atMark > 0n ? atMark : 0n) - usd(remaining > 0n ? remaining : 0n))
  const notionalMovedUsd = usd(s.sizeInTokens * moved.indexTokenPrice.min)
  return {
    venueId,
    steps: [
      {
        debtAsset: collateral.symbol,
        debtRepaid: 0,
        debtRepaidUsd: 0,
        collateralAsset: r.input.marketName,
        collateralSeized: r.sizeTokens,
        collateralSeizedUsd: notionalMovedUsd,
        costUsd,
        closeFactor: 1,
        healthFactorAfter: null,
      },
    ],
    costUsd,
    exact: false,
    note: "approximation: the whole position closed at the moved feed prices; cost = the close fee and capped price impact the liquidation check deducts, bounded by the position's equity; GMX v2.2's liquidation fee (LIQUIDATION_FEE_FACTOR) is not read",
  }
}

/** The exact check at moved prices: health factor (gmxV2HealthFactorWad as a float), liquidatable, remaining collateral in USD. */
function evaluateGmxV2(r: GmxV2Reading, moves: PriceMoves): VenueEvaluation {
  const c = computeGmxV2LiquidationCheck(r.input.state, movedPricesOf(r, moves))
  // the collateral priced at 0: the contract cannot even check it; count it liquidatable with nothing left
  if (c.kind === 'priceUnavailable') return { healthFactor: 0, liquidatable: true, equityUsd: 0 }
  return { healthFactor: toFloat(gmxV2HealthFactorWad(c.remainingCollateralUsd, r.requiredUsd), WAD), liquidatable: c.liquidatable, equityUsd: usd(c.remainingCollateralUsd) }
}

/** A token's feed price as the venue shows it: USD·1e8 per whole token, age against GMX's heartbeat (stale as GMX would refuse it). */
function oraclePrice(a: GmxV2VenueAsset, unitPrice: bigint, block: BlockRef): OraclePrice {
  const perToken = unitPrice * 10n ** BigInt(a.decimals)
  // ChainlinkPriceFeedUtils: refused when now > updatedAt and now − updatedAt > heartbeat
  const age = block.timestamp > a.updatedAt ? block.timestamp - a.updatedAt : 0n
  return {
    priceE8: perToken / E30_TO_E8,
    priceUsd: toFloat(perToken, USD),
    oracle: a.feed,
    feed: a.feed,
    updatedAt: a.updatedAt,
    heartbeatSeconds: Number(a.heartbeatSeconds),
    ageSeconds: Number(age),
    stale: age > a.heartbeatSeconds,
  }
}
