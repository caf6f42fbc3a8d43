import type { Address, Hex } from 'viem'
import { GmxV2ZeroPriceError } from '../errors.js'

/**
 * GMX v2 (gmx-synthetics) isolated positions: the liquidation rule of
 * PositionUtils.isPositionLiquidatable and the liquidation price GMX's
 * interface shows (@gmx-io/sdk utils/positions getLiquidationPrice).
 *
 * Units, as the contracts use them:
 * - USD values are scaled by 1e30 (`GMX_FLOAT_PRECISION`): $1 = 1e30.
 * - Factors are scaled by 1e30 too: 1% = 1e28.
 * - Token amounts are in the token's smallest unit (wei for WETH, 1e-6 for USDC).
 * - Prices are USD·1e30 per smallest unit, so that amount · price is USD·1e30:
 *   a token at $P with d decimals has price P · 10^(30 − d) (ETH $3,000 → 3e15,
 *   USDC $1 → 1e24). The SDK and the interface show prices per whole token
 *   instead (P · 1e30); multiply by 10^d to get there.
 *
 * The formulas follow gmx-synthetics PositionUtils, PositionPricingUtils,
 * PricingUtils and MarketUtils as read in the v2.1 source. GMX v2.2 added the
 * pending price impact, the separate min collateral factor for liquidation,
 * per-sign impact exponents and open interest in tokens for balance; for
 * those, the order of operations here is that of @gmx-io/sdk 1.4.0
 * (utils/positions getLiquidationPrice, utils/fees/priceImpact), since the
 * v2.2 Solidity source was not available to check line by line.
 */

/** 1e30: GMX's Precision.FLOAT_PRECISION; the scale of USD values, factors and (with decimals) prices. */
export const GMX_FLOAT_PRECISION = 10n ** 30n

/** A min/max price pair (Price.Props), USD·1e30 per smallest token unit. */
export type GmxV2Price = { readonly min: bigint; readonly max: bigint }

/** The prices of a market's three tokens (MarketUtils.MarketPrices), each USD·1e30 per smallest unit. */
export type GmxV2MarketPrices = {
  readonly indexTokenPrice: GmxV2Price
  readonly longTokenPrice: GmxV2Price
  readonly shortTokenPrice: GmxV2Price
}

/**
 * The state of one GMX v2 market that a position's liquidation depends on.
 * USD values 1e30, factors 1e30, token amounts in smallest units.
 */
export type GmxV2MarketState = {
  readonly marketToken: Address
  readonly indexToken: Address
  readonly longToken: Address
  readonly shortToken: Address
  readonly indexTokenDecimals: number
  /** Keys.MIN_COLLATERAL_USD (one value for all markets), USD·1e30. */
  readonly minCollateralUsd: bigint
  /** minCollateralFactorKey(market): used when a position is opened or changed. */
  readonly minCollateralFactor: bigint
  /** minCollateralFactorForLiquidationKey(market): used when a keeper liquidates (v2.2). */
  readonly minCollateralFactorForLiquidation: bigint
  /** positionFeeFactorKey(market, balanceWasImproved) for true and false. */
  readonly positionFeeFactorForBalanceWasImproved: bigint
  readonly positionFeeFactorForBalanceWasNotImproved: bigint
  /** positionImpactFactorKey(market, isPositive) and the exponents per sign, 1e30. */
  readonly positionImpactFactorPositive: bigint
  readonly positionImpactFactorNegative: bigint
  readonly positionImpactExponentFactorPositive: bigint
  readonly positionImpactExponentFactorNegative: bigint
  /** maxPositionImpactFactorKey(market, isPositive): cap of the impact as a fraction of the size. */
  readonly maxPositionImpactFactorPositive: bigint
  readonly maxPositionImpactFactorNegative: bigint
  /** maxPositionImpactFactorForLiquidationsKey(market): cap of the negative impact counted in the liquidation check. */
  readonly maxPositionImpactFactorForLiquidations: bigint
  /** Open interest per side, USD·1e30 and index-token units (MarketUtils.getOpenInterest / getOpenInterestInTokens). */
  readonly longInterestUsd: bigint
  readonly shortInterestUsd: bigint
  readonly longInterestInTokens: bigint
  readonly shortInterestInTokens: bigint
  /** Keys.USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE: price impact balances open interest in tokens (at the mid index price) instead of USD. */
  readonly useOpenInterestInTokensForBalance: boolean
  /** Virtual inventory for positions of the index token, USD·1e30, signed; 0 when the token has none. */
  readonly virtualInventoryForPositions: bigint
  /** Pool amounts (MarketUtils.getPoolAmount: halved in single-token markets), token units. */
  readonly longPoolAmount: bigint
  readonly shortPoolAmount: bigint
  /** maxPnlFactorKey(MAX_PNL_FACTOR_FOR_TRADERS, market, isLong): cap of traders' PnL as a fraction of the pool. */
  readonly maxPnlFactorForTradersLong: bigint
  readonly maxPnlFactorForTradersShort: bigint
}

/**
 * One GMX v2 position with its pending fees, as the Reader reports them
 * (ReaderPositionUtils.getPositionInfo), and its market.
 */
export type GmxV2PositionState = {
  readonly positionKey: Hex
  readonly account: Address
  readonly market: GmxV2MarketState
  readonly collateralToken: Address
  /** Which of the market's tokens the collateral is (MarketUtils.getCachedTokenPrice picks its price). */
  readonly collateralSide: 'LONG' | 'SHORT'
  readonly collateralTokenDecimals: number
  /** The collateral is the index token (or its wrapped/synthetic equivalent): its value moves with the index price. */
  readonly collateralIsIndexToken: boolean
  readonly isLong: boolean
  /** Position.Numbers: sizeInUsd USD·1e30; sizeInTokens index-token units; collateralAmount collateral units. */
  readonly sizeInUsd: bigint
  readonly sizeInTokens: bigint
  readonly collateralAmount: bigint
  /** Price impact of the increases still to be settled on close (v2.2), index-token units, signed. */
  readonly pendingImpactAmount: bigint
  /** Borrowing fee accrued and not yet paid (PositionBorrowingFees.borrowingFeeUsd), USD·1e30. */
  readonly pendingBorrowingFeeUsd: bigint
  /** Funding fee owed (PositionFundingFees.fundingFeeAmount), collateral-token units. */
  readonly pendingFundingFeeAmount: bigint
  /** The trader's referral code terms (PositionReferralFees), 1e30. */
  readonly referralTotalRebateFactor: bigint
  readonly referralTraderDiscountFactor: bigint
  /** The trader's pro-tier discount on the protocol's share of the position fee (PositionProFees), 1e30. */
  readonly proTraderDiscountFactor: bigint
}

/** Why a liquidation check found a position liquidatable: the branch of PositionUtils.isPositionLiquidatable. */
export type GmxV2LiquidationReason = 'MIN_COLLATERAL_USD' | 'NOT_POSITIVE' | 'MIN_COLLATERAL_FOR_LEVERAGE'

/**
 * The outcome of PositionUtils.isPositionLiquidatable, with its
 * IsPositionLiquidatableInfo (USD·1e30). `priceUnavailable`: the collateral
 * token's min price is 0 and the contract would revert dividing by it.
 */
export type GmxV2LiquidationCheck =
  | {
      readonly kind: 'checked'
      readonly liquidatable: boolean
      readonly reason: GmxV2LiquidationReason | null
      /** collateral + PnL + capped price impact − close costs, USD·1e30. */
      readonly remainingCollateralUsd: bigint
      readonly minCollateralUsd: bigint
      /** sizeInUsd · min collateral factor, USD·1e30. */
      readonly minCollateralUsdForLeverage: bigint
      readonly positionPnlUsd: bigint
      /** Price impact counted (≤ 0, capped), USD·1e30. */
      readonly priceImpactUsd: bigint
      /** Fees and costs of closing, in collateral units and their USD·1e30 at the collateral's min price. */
      readonly collateralCostAmount: bigint
      readonly collateralCostUsd: bigint
    }
  | { readonly kind: 'priceUnavailable'; readonly token: Address }

/** The interface's liquidation price, or why it has none. */
export type GmxV2LiquidationPrice =
  | {
      readonly kind: 'price'
      /** USD·1e30 per smallest index-token unit (the contracts' price unit). */
      readonly price: bigint
      /** USD·1e30 per whole index token (the SDK's and interface's unit): price · 10^indexTokenDecimals. */
      readonly pricePerToken: bigint
    }
  | {
      readonly kind: 'none'
      /** EMPTY: no size; NO_PRICE: the formula's denominator is 0 or the price it gives is ≤ 0. */
      readonly reason: 'EMPTY' | 'NO_PRICE'
    }


/** value · factor / 1e30 rounded down, as Precision.applyFactor. `value` ≥ 0 USD·1e30 (or tokens), `factor` 1e30. */
export function gmxApplyFactor(value: bigint, factor: bigint): bigint {
  return (value * factor) / GMX_FLOAT_PRECISION
}

/**
 * A Chainlink-style answer as a GMX price (min = max): USD·1e30 per smallest
 * token unit = answer · 10^(30 − feedDecimals − tokenDecimals), rounded down.
 * `answer` is the feed's integer answer with `feedDecimals` decimals.
 */
export function toGmxV2Price(answer: bigint, feedDecimals: number, tokenDecimals: number): GmxV2Price {
  const exponent = 30 - feedDecimals - tokenDecimals
  const price = exponent >= 0 ? answer * 10n ** BigInt(exponent) : answer / 10n ** BigInt(-exponent)
  return { min: price, max: price }
}

const WEI_TO_FLOAT = 10n ** 12n
const WAD = 10n ** 18n

/**
 * diffUsd^exponent, USD·1e30, as Precision.applyExponentFactor: 0 below $1,
 * the value itself for exponent 1. The contract takes the power with
 * PRBMathUD60x18.pow (through log2 and exp2) on the value cut to 18 decimals;
 * for whole exponents this computes that power exactly on the same 18-decimal
 * value, so it can differ from PRBMath's in the last digits; other exponents
 * are computed in double precision, exactly as @gmx-io/sdk does (~1e-16 relative).
 * Not equal to the contract to the wei.
 */
export function gmxApplyExponentFactor(diffUsd: bigint, exponentFactor: bigint): bigint {
  if (diffUsd < GMX_FLOAT_PRECISION) return 0n
  if (exponentFactor === GMX_FLOAT_PRECISION) return diffUsd
  if (exponentFactor % GMX_FLOAT_PRECISION === 0n) {
    const n = exponentFactor / GMX_FLOAT_PRECISION
    if (n === 0n) return GMX_FLOAT_PRECISION
    const wei = diffUsd / WEI_TO_FLOAT
    return (wei ** n / WAD ** (n - 1n)) * WEI_TO_FLOAT
  }
  const power = (Number(diffUsd) / 1e30) ** (Number(exponentFactor) / 1e30)
  return BigInt(Math.round(power * 1e30))
}

/** factor · diffUsd^exponent, USD·1e30, rounded down (PricingUtils.applyImpactFactor). */
export function gmxApplyImpactFactor(diffUsd: bigint, factor: bigint, exponentFactor: bigint): bigint {
  return gmxApplyFactor(gmxApplyExponentFactor(diffUsd, exponentFactor), factor)
}

/** The price impact of a change in open interest and whether it brings longs and shorts closer (balanceWasImproved). */
export type GmxV2PriceImpact = { readonly priceImpactUsd: bigint; readonly balanceWasImproved: boolean }

type OpenInterest = { long: bigint; short: bigint }

function impactForOpenInterest(m: GmxV2MarketState, current: OpenInterest, next: OpenInterest): GmxV2PriceImpact {
  // MarketUtils.getAdjustedPositionImpactFactors: a positive factor above the negative one would let a round trip profit
  const negativeFactor = m.positionImpactFactorNegative
  const positiveFactor = m.positionImpactFactorPositive > negativeFactor ? negativeFactor : m.positionImpactFactorPositive
  const initialDiff = absDiff(current.long, current.short)
  const nextDiff = absDiff(next.long, next.short)
  const balanceWasImproved = nextDiff < initialDiff
  // PositionPricingUtils._getPriceImpactUsd: a move that flips the heavier side is a crossover
  const isSameSideRebalance = current.long <= current.short === next.long <= next.short
  if (isSameSideRebalance) {
    // PricingUtils.getPriceImpactUsdForSameSideRebalance
    const factor = balanceWasImproved ? positiveFactor : negativeFactor
    const exponent = balanceWasImproved ? m.positionImpactExponentFactorPositive : m.positionImpactExponentFactorNegative
    const delta = absDiff(gmxApplyImpactFactor(initialDiff, factor, exponent), gmxApplyImpactFactor(nextDiff, factor, exponent))
    return { priceImpactUsd: balanceWasImproved ? delta : -delta, balanceWasImproved }
  }
  // PricingUtils.getPriceImpactUsdForCrossoverRebalance
  const positive = gmxApplyImpactFactor(initialDiff, positiveFactor, m.positionImpactExponentFactorPositive)
  const negative = gmxApplyImpactFactor(nextDiff, negativeFactor, m.positionImpactExponentFactorNegative)
  const delta = absDiff(positive, negative)
  return { priceImpactUsd: positive > negative ? delta : -delta, balanceWasImproved }
}

/** Applies `usdDelta` to the position's side; null when a side would go negative (the contract reverts there). */
function nextOpenInterest(current: OpenInterest, usdDelta: bigint, isLong: boolean): OpenInterest | null {
  const next = isLong ? { long: current.long + usdDelta, short: current.short } : { long: current.long, short: current.short + usdDelta }
  return next.long < 0n || next.short < 0n ? null : next
}

/**
 * Price impact, USD·1e30 (signed), of changing one side's open interest by
 * `usdDelta` (USD·1e30, negative to decrease), as PositionPricingUtils.getPriceImpactUsd:
 * the impact on the market's open interest and, when that is negative and the
 * index token has a virtual inventory, the worse of it and the impact on the
 * virtual inventory. Open interest in tokens is valued at the mid index price
 * when the market balances in tokens. A delta larger than the side's open
 * interest (the contract reverts) counts as 0 impact on the open interest, as
 * the SDK's fallbackToZero. The virtual inventory step is the SDK's (a
 * decrease first adds its size to both virtual sides); the v2.1 contract's
 * thresholdPositionImpactFactorForVirtualInventory is not applied.
 */
export function computeGmxV2PriceImpactUsd(m: GmxV2MarketState, usdDelta: bigint, isLong: boolean, indexTokenPrice: GmxV2Price): GmxV2PriceImpact {
  const mid = (indexTokenPrice.min + indexTokenPrice.max) / 2n
  const current = m.useOpenInterestInTokensForBalance
    ? { long: m.longInterestInTokens * mid, short: m.shortInterestInTokens * mid }
    : { long: m.longInterestUsd, short: m.shortInterestUsd }
  const next = nextOpenInterest(current, usdDelta, isLong)
  const impact = next === null ? { priceImpactUsd: 0n, balanceWasImproved: false } : impactForOpenInterest(m, current, next)
  if (impact.priceImpactUsd > 0n || m.virtualInventoryForPositions === 0n) return impact

  // getNextOpenInterestForVirtualInventory: inventory > 0 means tokens were virtually sold (short);
  // a decrease first adds its size to both sides so that neither goes negative
  const v = m.virtualInventoryForPositions
  const offset = usdDelta < 0n ? -usdDelta : 0n
  const virtualCurrent = { long: (v < 0n ? -v : 0n) + offset, short: (v > 0n ? v : 0n) + offset }
  const virtualNext = nextOpenInterest(virtualCurrent, usdDelta, isLong)
  if (virtualNext === null) return { priceImpactUsd: 0n, balanceWasImproved: impact.balanceWasImproved }
  const virtualImpact = impactForOpenInterest(m, virtualCurrent, virtualNext).priceImpactUsd
  return { priceImpactUsd: virtualImpact < impact.priceImpactUsd ? virtualImpact : impact.priceImpactUsd, balanceWasImproved: impact.balanceWasImproved }
}

/**
 * The position's PnL on a full close, USD·1e30 (signed), as
 * PositionUtils.getPositionPnlUsd with sizeDeltaUsd = sizeInUsd:
 * sizeInTokens · price − sizeInUsd for longs (the reverse for shorts), at the
 * index price that is worse for the trader (min for longs, max for shorts); a
 * profit is scaled down by cappedPoolPnl / poolPnl when the pool's traders'
 * PnL exceeds maxPnlFactorForTraders of the pool (MarketUtils.getCappedPnl).
 */
export function computeGmxV2PositionPnlUsd(s: GmxV2PositionState, prices: GmxV2MarketPrices): bigint {
  const m = s.market
  const executionPrice = s.isLong ? prices.indexTokenPrice.min : prices.indexTokenPrice.max
  const value = s.sizeInTokens * executionPrice
  const totalPnl = s.isLong ? value - s.sizeInUsd : s.sizeInUsd - value
  if (totalPnl <= 0n) return totalPnl

  const poolTokenUsd = s.isLong ? m.longPoolAmount * prices.longTokenPrice.min : m.shortPoolAmount * prices.shortTokenPrice.min
  // MarketUtils.getPnl(…, maximize = true): the pool's traders' PnL at the price better for them
  const openInterestUsd = s.isLong ? m.longInterestUsd : m.shortInterestUsd
  const openInterestInTokens = s.isLong ? m.longInterestInTokens : m.shortInterestInTokens
  let poolPnl = 0n
  if (openInterestUsd !== 0n && openInterestInTokens !== 0n) {
    const price = s.isLong ? prices.indexTokenPrice.max : prices.indexTokenPrice.min
    const openInterestValue = openInterestInTokens * price
    poolPnl = s.isLong ? openInterestValue - openInterestUsd : openInterestUsd - openInterestValue
  }
  const maxPnl = gmxApplyFactor(poolTokenUsd, s.isLong ? m.maxPnlFactorForTradersLong : m.maxPnlFactorForTradersShort)
  const cappedPoolPnl = poolPnl > 0n && poolPnl > maxPnl ? maxPnl : poolPnl
  if (cappedPoolPnl !== poolPnl && cappedPoolPnl > 0n && poolPnl > 0n) return (totalPnl * cappedPoolPnl) / poolPnl
  return totalPnl
}

/**
 * The price impact of closing the position that the liquidation check counts,
 * USD·1e30 (≤ 0), and whether closing improves the balance (which picks the
 * fee factor). The impact of removing sizeInUsd is capped when positive by
 * maxPositionImpactFactorPositive (MarketUtils.capPositiveImpactUsdByMaxPositionImpact),
 * the pending impact is added (valued at the min index price when positive,
 * max when negative), and the total is floored at 0 and at
 * −sizeInUsd · maxPositionImpactFactorForLiquidations.
 */
export function computeGmxV2LiquidationImpactUsd(s: GmxV2PositionState, prices: GmxV2MarketPrices): GmxV2PriceImpact {
  const m = s.market
  const impact = computeGmxV2PriceImpactUsd(m, -s.sizeInUsd, s.isLong, prices.indexTokenPrice)
  let total = impact.priceImpactUsd
  if (total > 0n) {
    // MarketUtils.getMaxPositionImpactFactors: the positive cap never exceeds the negative one
    const maxPositive = m.maxPositionImpactFactorPositive > m.maxPositionImpactFactorNegative ? m.maxPositionImpactFactorNegative : m.maxPositionImpactFactorPositive
    const cap = gmxApplyFactor(s.sizeInUsd, maxPositive)
    if (total > cap) total = cap
  }
  total += s.pendingImpactAmount * (s.pendingImpactAmount > 0n ? prices.indexTokenPrice.min : prices.indexTokenPrice.max)
  const maxNegative = -gmxApplyFactor(s.sizeInUsd, m.maxPositionImpactFactorForLiquidations)
  if (total > 0n) total = 0n
  else if (total < maxNegative) total = maxNegative
  return { priceImpactUsd: total, balanceWasImproved: impact.balanceWasImproved }
}

/**
 * What closing costs the collateral, collateral-token units, as
 * PositionPricingUtils.getPositionFees(…, uiFeeReceiver = 0, isLiquidation = false).totalCostAmount:
 * position fee (sizeInUsd · fee factor / price, rounded down) less the
 * trader's referral discount (fee · totalRebateFactor · traderDiscountFactor)
 * and pro discount (on fee − rebate), plus the pending borrowing fee
 * (USD / price, rounded down) and funding fee. No UI fee (no receiver) and no
 * liquidation fee: the check leaves both out. `collateralPriceMin` USD·1e30 per unit, > 0.
 */
export function computeGmxV2CloseCostAmount(s: GmxV2PositionState, collateralPriceMin: bigint, balanceWasImproved: boolean): bigint {
  const m = s.market
  const feeFactor = balanceWasImproved ? m.positionFeeFactorForBalanceWasImproved : m.positionFeeFactorForBalanceWasNotImproved
  const positionFeeAmount = gmxApplyFactor(s.sizeInUsd, feeFactor) / collateralPriceMin
  const totalRebateAmount = gmxApplyFactor(positionFeeAmount, s.referralTotalRebateFactor)
  const traderDiscountAmount = gmxApplyFactor(totalRebateAmount, s.referralTraderDiscountFactor)
  const proDiscountAmount = gmxApplyFactor(positionFeeAmount - totalRebateAmount, s.proTraderDiscountFactor)
  const borrowingFeeAmount = s.pendingBorrowingFeeUsd / collateralPriceMin
  return positionFeeAmount + borrowingFeeAmount - traderDiscountAmount - proDiscountAmount + s.pendingFundingFeeAmount
}

function collateralPrice(s: GmxV2PositionState, prices: GmxV2MarketPrices): GmxV2Price {
  return s.collateralSide === 'LONG' ? prices.longTokenPrice : prices.shortTokenPrice
}

/**
 * The liquidation check of PositionUtils.isPositionLiquidatable with
 * shouldValidateMinCollateralUsd = true, at `prices`:
 *   remaining = collateralAmount · collateral min price + PnL (getPositionPnlUsd)
 *             + impact (computeGmxV2LiquidationImpactUsd) − close costs · collateral min price
 * and liquidatable when remaining < minCollateralUsd, ≤ 0, or
 * < sizeInUsd · min collateral factor (the liquidation factor when
 * `forLiquidation`, as a keeper's liquidation order; the opening factor otherwise).
 * All values USD·1e30, exact to the contract's integer rounding.
 */
export function computeGmxV2LiquidationCheck(
  s: GmxV2PositionState,
  prices: GmxV2MarketPrices,
  options: { readonly forLiquidation?: boolean } = {},
): GmxV2LiquidationCheck {
  const m = s.market
  const collateralPriceMin = collateralPrice(s, prices).min
  if (collateralPriceMin <= 0n) return { kind: 'priceUnavailable', token: s.collateralToken }

  const positionPnlUsd = computeGmxV2PositionPnlUsd(s, prices)
  const collateralUsd = s.collateralAmount * collateralPriceMin
  const impact = computeGmxV2LiquidationImpactUsd(s, prices)
  const collateralCostAmount = computeGmxV2CloseCostAmount(s, collateralPriceMin, impact.balanceWasImproved)
  // the cost in tokens was computed at the collateral's min price, so it is valued back at it
  const collateralCostUsd = collateralCostAmount * collateralPriceMin
  const remainingCollateralUsd = collateralUsd + positionPnlUsd + impact.priceImpactUsd - collateralCostUsd

  const factor = (options.forLiquidation ?? true) ? m.minCollateralFactorForLiquidation : m.minCollateralFactor
  const minCollateralUsdForLeverage = gmxApplyFactor(s.sizeInUsd, factor)
  const reason: GmxV2LiquidationReason | null =
    remainingCollateralUsd < m.minCollateralUsd
      ? 'MIN_COLLATERAL_USD'
      : remainingCollateralUsd <= 0n
        ? 'NOT_POSITIVE'
        : remainingCollateralUsd < minCollateralUsdForLeverage
          ? 'MIN_COLLATERAL_FOR_LEVERAGE'
          : null
  return {
    kind: 'checked',
    liquidatable: reason !== null,
    reason,
    remainingCollateralUsd,
    minCollateralUsd: m.minCollateralUsd,
    minCollateralUsdForLeverage,
    positionPnlUsd,
    priceImpactUsd: impact.priceImpactUsd,
    collateralCostAmount,
    collateralCostUsd,
  }
}

/**
 * The liquidation check at `prices` (see computeGmxV2LiquidationCheck; a
 * keeper's liquidation, forLiquidation = true) where the contract would
 * evaluate one: `liquidatable` is PositionUtils.isPositionLiquidatable.
 * @throws GmxV2ZeroPriceError when the collateral token's min price is 0
 *   (the contract reverts: the position cannot be valued).
 */
export function requireGmxV2LiquidationCheck(s: GmxV2PositionState, prices: GmxV2MarketPrices): Extract<GmxV2LiquidationCheck, { kind: 'checked' }> {
  const check = computeGmxV2LiquidationCheck(s, prices)
  if (check.kind === 'priceUnavailable') throw new GmxV2ZeroPriceError(check.token)
  return check
}

/**
 * The index price at which the position becomes liquidatable, as GMX's
 * interface computes it (@gmx-io/sdk 1.4.0 utils/positions getLiquidationPrice):
 * it solves remaining collateral = max(sizeInUsd · minCollateralFactorForLiquidation,
 * minCollateralUsd) for the index price with everything else held at `prices`:
 * fees (pending borrowing and funding, and the close fee at the
 * balance-not-improved factor less the referral discount, no pro discount) and
 * the capped impact (computeGmxV2LiquidationImpactUsd, pending impact valued
 * at the current index price). When the collateral is the index token its
 * value moves with the price (denominator sizeInTokens ± collateralAmount,
 * which assumes equal decimals, as the SDK); otherwise the collateral's USD
 * value is fixed at its current min price. Positive PnL caps are ignored.
 * The price is the quotient rounded toward zero in contract units (USD·1e30
 * per smallest index unit); `pricePerToken` is that times 10^decimals, equal
 * to the SDK's value. Because fees, impact and (for other collateral) the
 * collateral value are frozen, and the close fee factor may differ from the
 * one the contract will pick, the contract's own threshold can differ
 * slightly; computeGmxV2LiquidationCheck is the exact test at a given price.
 */
export function gmxV2LiquidationPrice(s: GmxV2PositionState, prices: GmxV2MarketPrices): GmxV2LiquidationPrice {
  if (s.sizeInUsd <= 0n || s.sizeInTokens <= 0n) return { kind: 'none', reason: 'EMPTY' }
  const m = s.market
  const collateralPriceMin = collateralPrice(s, prices).min

  // getPositionFee(marketInfo, sizeInUsd, balanceWasImproved = false, referralInfo): USD, no token rounding
  const feeUsd = gmxApplyFactor(s.sizeInUsd, m.positionFeeFactorForBalanceWasNotImproved)
  const discountUsd = gmxApplyFactor(gmxApplyFactor(feeUsd, s.referralTotalRebateFactor), s.referralTraderDiscountFactor)
  const closingFeeUsd = feeUsd - discountUsd
  const pendingFeesUsd = s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralPriceMin
  const totalFeesUsd = pendingFeesUsd + closingFeeUsd
  const impactUsd = computeGmxV2LiquidationImpactUsd(s, prices).priceImpactUsd

  const byFactor = gmxApplyFactor(s.sizeInUsd, m.minCollateralFactorForLiquidation)
  const liquidationCollateralUsd = byFactor < m.minCollateralUsd ? m.minCollateralUsd : byFactor

  let numerator: bigint
  let denominator: bigint
  if (s.collateralIsIndexToken) {
    // collateral worth collateralAmount · P: solve collateral + PnL + impact − fees = required for P
    numerator = s.isLong
      ? s.sizeInUsd + liquidationCollateralUsd - impactUsd + totalFeesUsd
      : s.sizeInUsd - liquidationCollateralUsd + impactUsd - totalFeesUsd
    denominator = s.isLong ? s.sizeInTokens + s.collateralAmount : s.sizeInTokens - s.collateralAmount
  } else {
    const remainingCollateralUsd = s.collateralAmount * collateralPriceMin + impactUsd - totalFeesUsd
    numerator = s.isLong
      ? liquidationCollateralUsd - remainingCollateralUsd + s.sizeInUsd
      : liquidationCollateralUsd - remainingCollateralUsd - s.sizeInUsd
    denominator = s.isLong ? s.sizeInTokens : -s.sizeInTokens
  }
  if (denominator === 0n) return { kind: 'none', reason: 'NO_PRICE' }
  // bigint division truncates toward zero, as the SDK's
  const price = numerator / denominator
  if (price <= 0n) return { kind: 'none', reason: 'NO_PRICE' }
  return { kind: 'price', price, pricePerToken: price * 10n ** BigInt(m.indexTokenDecimals) }
}

function absDiff(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a
}

