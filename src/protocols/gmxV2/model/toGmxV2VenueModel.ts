import { type Address, type Hex } from 'viem'
import { factorsOf, type AssetExposure, type RiskFactorId } from '../../../domain/riskFactor.js'
import type { AvailableVenue, BlockRef, LiquidationPrice, OraclePrice, VenuePosition } from '../../../domain/venue.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { toFloat, WAD } from '../../../math/fixedPoint.js'
import {
  computeGmxV2LiquidationCheck,
  computeGmxV2PositionPnlUsd,
  GMX_FLOAT_PRECISION,
  gmxApplyFactor,
  gmxV2LiquidationPrice,
  type GmxV2MarketPrices,
  type GmxV2Price,
  type GmxV2PositionState,
} from './gmxV2Position.js'
import { GmxV2ZeroPriceError } from '../errors.js'
import { applyMoves, applyShock, shockPower } from '../../../risk/shock.js'
import { changePct, liquidationPriceOf, uniformMoveOf, type ExactShockModel } from '../../../risk/shockSearch.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import { kernelLeg } from '../../../risk/kernel/venueKernel.js'

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
  const { state: s, prices, index, collateral, block } = input
  const check = computeGmxV2LiquidationCheck(s, prices)
  if (check.kind === 'priceUnavailable') throw new GmxV2ZeroPriceError(check.token)
  const m = s.market
  const exposures: MarketExposures = { index: index.exposure, long: input.longExposure, short: input.shortExposure }
  const required = gmxV2RequiredCollateralUsd(s)
  const healthFactorWad = gmxV2HealthFactorWad(check.remainingCollateralUsd, required)
  const usd = (v: bigint) => toFloat(v, USD)
  const collateralPriceMin = s.collateralSide === 'LONG' ? prices.longTokenPrice.min : prices.shortTokenPrice.min
  const indexPrice = prices.indexTokenPrice.min
  const indexOracle = oraclePrice(index, indexPrice, block)
  const collateralOracle = oraclePrice(collateral, collateralPriceMin, block)
  const sign = s.isLong ? 1 : -1
  const sizeTokens = toFloat(s.sizeInTokens, 10n ** BigInt(index.decimals))
  const notionalUsd = usd(s.sizeInTokens * indexPrice)
  const collateralUsd = usd(s.collateralAmount * collateralPriceMin)
  const maintenanceRate = usd(m.minCollateralFactorForLiquidation)
  const initialRate = usd(m.minCollateralFactor)
  const interfacePrice = gmxV2LiquidationPrice(s, prices)
  const pendingFeesUsd = s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralPriceMin
  // @gmx-io/sdk getLeverage without PnL: size / (collateral − pending fees)
  const leverageBase = s.collateralAmount * collateralPriceMin - pendingFeesUsd
  const initialByFactor = gmxApplyFactor(s.sizeInUsd, m.minCollateralFactor)
  const initialRequired = initialByFactor > m.minCollateralUsd ? initialByFactor : m.minCollateralUsd

  const positions: VenuePosition[] = [
    {
      asset: { symbol: index.symbol, address: index.address, decimals: index.decimals, exposure: index.exposure },
      side: 'PERP',
      amount: s.sizeInTokens,
      amountFloat: sizeTokens,
      valueUsd: notionalUsd,
      price: indexOracle,
      maintenanceWeight: 1 - maintenanceRate,
      initialWeight: 1 - initialRate,
      liquidationBonus: null,
      variableDebt: null,
      stableDebt: null,
      perp: {
        market: input.marketName,
        sizeSigned: sign * sizeTokens,
        entryPrice: s.sizeInTokens > 0n ? usd((s.sizeInUsd * 10n ** BigInt(index.decimals)) / s.sizeInTokens) : null,
        markPrice: indexOracle.priceUsd,
        notionalSignedUsd: sign * notionalUsd,
        unrealizedPnlUsd: usd(input.basePnlUsd),
        marginMode: 'ISOLATED',
        leverage: leverageBase > 0n ? Number((s.sizeInUsd * 10_000n) / leverageBase) / 10_000 : null,
        maxLeverage: m.minCollateralFactor > 0n ? 1 / initialRate : null,
        maintenanceMarginRate: maintenanceRate,
        initialMarginRate: initialRate,
        venueLiquidationPrice: interfacePrice.kind === 'price' ? usd(interfacePrice.pricePerToken) : null,
      },
    },
    {
      asset: { symbol: collateral.symbol, address: collateral.address, decimals: collateral.decimals, exposure: collateral.exposure },
      side: 'COLLATERAL',
      amount: s.collateralAmount,
      amountFloat: toFloat(s.collateralAmount, 10n ** BigInt(collateral.decimals)),
      valueUsd: collateralUsd,
      price: collateralOracle,
      maintenanceWeight: 1,
      initialWeight: 1,
      liquidationBonus: null,
      variableDebt: null,
      stableDebt: null,
      perp: null,
    },
  ]

  const model: ExactShockModel = {
    hasDebt: s.sizeInUsd > 0n,
    liquidatable: check.liquidatable,
    probe(shock) {
      const c = computeGmxV2LiquidationCheck(s, movePrices(prices, exposures, (price, e) => applyShock(price, e, shock)))
      return { liquidatable: c.kind === 'priceUnavailable' || c.liquidatable, piece: 0n }
    },
    bufferTerms(factors, safe) {
      // remaining − required ≈ collateral + sign·(tokens·P − sizeInUsd) + impact − costs − required;
      // `safe` adds the worst impact, the costs again and any PnL cap, so its root lies before the exact one
      const uncappedPnl = sign * (notionalUsd - usd(s.sizeInUsd))
      const cushion = safe ? usd(gmxApplyFactor(s.sizeInUsd, m.maxPositionImpactFactorForLiquidations)) + usd(check.collateralCostUsd) + Math.max(0, uncappedPnl - usd(check.positionPnlUsd)) : 0
      return [
        { weightedValue: collateralUsd, power: shockPower(collateral.exposure, factors) },
        { weightedValue: sign * notionalUsd, power: shockPower(index.exposure, factors) },
        { weightedValue: -sign * usd(s.sizeInUsd) + usd(check.priceImpactUsd) - usd(check.collateralCostUsd) - usd(required) - cushion, power: 0 },
      ]
    },
  }

  const indexFactor = index.exposure.base
  // the interface formula holds the collateral's value fixed unless it is the index token itself
  const collateralMovesWithIndex = shockPower(collateral.exposure, new Set([indexFactor])) > 0
  const interfaceFormulaApplies = index.exposure.ratio === undefined && collateralMovesWithIndex === s.collateralIsIndexToken
  const assets = [index, collateral]
  const reference = (f: RiskFactorId) => {
    const a = assets.find((x) => x.exposure.base === f && x.exposure.ratio === undefined) ?? assets.find((x) => factorsOf(x.exposure).includes(f))
    return a ? { symbol: a.symbol, priceE8: (a === index ? indexOracle : collateralOracle).priceE8 } : null
  }
  const factors = [...new Set([...factorsOf(index.exposure), ...factorsOf(collateral.exposure)])].sort()
  const liquidationPrices: LiquidationPrice[] = factors.map((f) =>
    f === indexFactor && interfaceFormulaApplies ? interfaceLiquidationPrice() : liquidationPriceOf(model, f, reference(f)),
  )

  function interfaceLiquidationPrice(): LiquidationPrice {
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

  const remainingUsd = usd(check.remainingCollateralUsd)
  const venue: AvailableVenue = {
    status: 'available',
    id: gmxV2VenueId(input.chainId, s.positionKey),
    protocol: 'GMX_V2',
    chainId: input.chainId,
    account: s.account,
    market: m.marketToken,
    protocolVersion: GMX_V2_PROTOCOL_VERSION,
    block,
    source: { kind: 'CHAIN' },
    positions,
    health: { kind: 'ok', healthFactorWad, healthFactor: toFloat(healthFactorWad, WAD), liquidatable: check.liquidatable },
    margin: {
      collateralUsd: remainingUsd,
      debtUsd: 0,
      equityUsd: remainingUsd,
      weightedCollateralUsd: remainingUsd - usd(required),
      maintenanceMarginUsd: usd(required),
      initialMarginUsd: usd(initialRequired),
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
        maintenanceMarginUsd: usd(required),
        venueMaintenanceMarginUsd: null,
        initialMarginUsd: usd(initialRequired),
        venueMarginUsedUsd: null,
        freeCollateralUsd: null,
        rule: 'gmx-v2.2-isPositionLiquidatable',
      },
    },
    stalePrices: [...new Set([index, collateral].filter((a, i) => (i === 0 ? indexOracle : collateralOracle).stale).map((a) => a.symbol))],
    // a liquidation closes the whole position
    closeFactor: 1,
    liquidationBlocked: false,
    // borrowing and funding accrue with time and open interest: not modelled
    timeToLiquidationSeconds: null,
  }

  // what a keeper's close costs at the read prices: collateral at the mark less what the check leaves
  const atMarkUsd = check.kind === 'checked' ? usd(s.collateralAmount * collateralPriceMin + check.positionPnlUsd - pendingFeesUsd) : 0
  return {
    venue,
    kernel: {
      venueId: venue.id,
      health: { kind: 'margin' },
      legs: [
        kernelLeg({ exposure: collateral.exposure, role: 'supply', equityUsd: collateralUsd, valueUsd: collateralUsd }),
        kernelLeg({ exposure: index.exposure, role: 'perp', equityUsd: sign * notionalUsd, valueUsd: notionalUsd }),
      ],
      // remaining collateral at the read prices = collateral + signed notional + this constant (PnL against sizeInUsd, impact, costs, caps)
      constantEquityUsd: remainingUsd - collateralUsd - sign * notionalUsd,
      fixedMaintenanceUsd: usd(required),
      liquidation: { kind: 'closeCost', closeCostUsd: Math.max(0, atMarkUsd - remainingUsd) },
      exactHealth: false,
    },
    liquidationUnderUniformMove: (f, direction) => uniformMoveOf(model, f, direction),
    simulate(moves, actions) {
      if (actions.length > 0) throw new InvalidArgumentError('actions', `${venue.id}: what-if actions on GMX v2 positions are not supported yet.`)
      const moved = movePrices(prices, exposures, (price, e) => applyMoves(price, e, moves))
      const collateralMin = s.collateralSide === 'LONG' ? moved.longTokenPrice.min : moved.shortTokenPrice.min
      if (collateralMin <= 0n) throw new InvalidArgumentError('priceMoves', `${venue.id}: the moves price its collateral ${collateral.symbol} at 0, which GMX cannot value.`)
      // the Reader's PnL was at the read prices; at moved prices it is recomputed as getPositionPnlUsd
      return { model: toGmxV2VenueModel({ ...input, prices: moved, basePnlUsd: computeGmxV2PositionPnlUsd(s, moved) }), warnings: [] }
    },
    liquidate(moves) {
      const moved = movePrices(prices, exposures, (price, e) => applyMoves(price, e, moves))
      const c = computeGmxV2LiquidationCheck(s, moved)
      const none = { venueId: venue.id, steps: [], costUsd: 0, exact: false, note: null }
      if (c.kind === 'checked' && !c.liquidatable) return none
      // a keeper closes the whole position at the (moved) prices; the trader keeps what remains of the collateral
      const collateralMin = s.collateralSide === 'LONG' ? moved.longTokenPrice.min : moved.shortTokenPrice.min
      const pending = s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralMin
      const atMark = c.kind === 'checked' ? s.collateralAmount * collateralMin + c.positionPnlUsd - pending : 0n
      const remaining = c.kind === 'checked' ? c.remainingCollateralUsd : 0n
      const costUsd = Math.max(0, usd(atMark > 0n ? atMark : 0n) - usd(remaining > 0n ? remaining : 0n))
      const notionalMovedUsd = usd(s.sizeInTokens * moved.indexTokenPrice.min)
      return {
        venueId: venue.id,
        steps: [
          {
            debtAsset: collateral.symbol,
            debtRepaid: 0,
            debtRepaidUsd: 0,
            collateralAsset: input.marketName,
            collateralSeized: sizeTokens,
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
    },
    evaluate(moves) {
      const c = computeGmxV2LiquidationCheck(s, movePrices(prices, exposures, (price, e) => applyMoves(price, e, moves)))
      // the collateral priced at 0: the contract cannot even check it; count it liquidatable with nothing left
      if (c.kind === 'priceUnavailable') return { healthFactor: 0, liquidatable: true, equityUsd: 0 }
      return { healthFactor: toFloat(gmxV2HealthFactorWad(c.remainingCollateralUsd, required), WAD), liquidatable: c.liquidatable, equityUsd: usd(c.remainingCollateralUsd) }
    },
  }
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
