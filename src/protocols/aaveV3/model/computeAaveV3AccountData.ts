import { percentMul, rayMul, wadDiv } from '../../../math/fixedPoint.js'
import { getNormalizedDebt, getNormalizedIncome, getStableDebtBalance } from './aaveInterest.js'
import type { AaveV3AccountState, AaveV3ReserveState } from './types.js'

/** Per-reserve figures of an account at a timestamp. Token units and base currency (USD 1e8). */
export type AaveV3ReserveFigures = {
  readonly reserve: AaveV3ReserveState
  /** Price used for this reserve (eMode price source price when it applies), USD 1e8. */
  readonly priceE8: bigint
  readonly supplied: bigint
  readonly variableDebt: bigint
  readonly stableDebt: bigint
  /** Counted as collateral: LT ≠ 0 and enabled by the user. */
  readonly isCollateral: boolean
  /** Supply value as the contract floors it, USD 1e8 (0 when not collateral). */
  readonly collateralBase: bigint
  readonly debtBase: bigint
  /** Applied LTV and liquidation threshold, bps (eMode values where the category covers the asset). */
  readonly ltvBps: bigint
  readonly liquidationThresholdBps: bigint
  /** Applied liquidation bonus, bps (10500 = 5% bonus), eMode's where it covers the asset. */
  readonly liquidationBonusBps: bigint
}

/**
 * The account aggregates, as Aave V3 (v3.0.x) GenericLogic.calculateUserAccountData:
 * totals in the oracle's base currency (USD, 8 decimals), avgLtv and
 * avgLiquidationThreshold in whole bps (integer division, rounded down), and
 * healthFactorWad = percentMul(totalCollateral, avgLT).wadDiv(totalDebt), WAD;
 * `null` when the account has no debt (the contract returns type(uint256).max).
 */
export type AaveV3AccountData = {
  readonly totalCollateralBase: bigint
  readonly totalDebtBase: bigint
  readonly avgLtvBps: bigint
  readonly avgLiquidationThresholdBps: bigint
  readonly healthFactorWad: bigint | null
  readonly hasZeroLtvCollateral: boolean
  readonly reserves: readonly AaveV3ReserveFigures[]
}

/** Overrides a reserve's oracle price (USD 1e8) for what-if evaluation. */
export type PriceOf = (reserve: AaveV3ReserveState, priceE8: bigint) => bigint

const identityPrice: PriceOf = (_reserve, priceE8) => priceE8

/**
 * Computes an Aave V3 account's health with the contract's own arithmetic and
 * rounding, so `healthFactorWad` equals Pool.getUserAccountData(user).healthFactor
 * to the wei at the same block.
 *
 * Source: aave-v3-core v1.19 GenericLogic.calculateUserAccountData,
 * _getUserBalanceInBaseCurrency, _getUserDebtInBaseCurrency;
 * ReserveLogic.getNormalizedIncome/getNormalizedDebt; StableDebtToken.balanceOf;
 * EModeLogic.getEModeConfiguration/isInEModeCategory. Kept whole on purpose:
 * it mirrors calculateUserAccountData's loop line by line, so it can be
 * checked against the contract side by side.
 *
 * @param state reserves, user balances and prices at one block.
 * @param priceOf optional price override per reserve (what-if shocks); it must
 *   return the value an oracle would return (USD 1e8, integer).
 */
export function computeAaveV3AccountData(
  state: AaveV3AccountState,
  priceOf: PriceOf = identityPrice,
): AaveV3AccountData {
  const reservesById = new Map(state.reserves.map((r) => [r.id, r]))
  const userEMode = state.userEModeCategory
  const eMode = userEMode !== 0 ? state.eModeCategory : null
  const eModeSourceReserve =
    eMode?.priceSource != null ? state.reserves.find((r) => r.asset === eMode.priceSource) : undefined
  // The category's price source answers through the oracle, so a shock moves it like its own reserve.
  const eModePrice =
    state.eModePriceE8 != null && state.eModePriceE8 !== 0n
      ? eModeSourceReserve
        ? priceOf(eModeSourceReserve, state.eModePriceE8)
        : state.eModePriceE8
      : 0n

  let totalCollateral = 0n // USD 1e8
  let totalDebt = 0n // USD 1e8
  let avgLtvSum = 0n // USD 1e8 · bps
  let avgLtSum = 0n // USD 1e8 · bps
  let hasZeroLtvCollateral = false
  const figures: AaveV3ReserveFigures[] = []

  for (const user of state.userReserves) {
    // The contract skips reserves neither used as collateral nor borrowed; a
    // supply with collateral disabled is still listed (it counts for nothing).
    const inUse = user.usingAsCollateral || user.borrowing
    if (!inUse && user.scaledATokenBalance === 0n) continue
    const reserve = reservesById.get(user.reserveId)
    if (!reserve) continue
    const assetUnit = 10n ** BigInt(reserve.decimals)
    const inEMode = userEMode !== 0 && reserve.eModeCategory === userEMode
    const price = eModePrice !== 0n && inEMode ? eModePrice : priceOf(reserve, reserve.priceE8)
    const ltv = inEMode && eMode ? eMode.ltvBps : reserve.ltvBps
    const lt = inEMode && eMode ? eMode.liquidationThresholdBps : reserve.liquidationThresholdBps

    const supplied = rayMul(user.scaledATokenBalance, getNormalizedIncome(reserve, state.timestamp))
    const isCollateral = inUse && reserve.liquidationThresholdBps !== 0n && user.usingAsCollateral
    let collateralBase = 0n
    if (isCollateral) {
      // token units · USD 1e8 / 10^decimals = USD 1e8, floored as in the contract
      collateralBase = (supplied * price) / assetUnit
      totalCollateral += collateralBase
      if (reserve.ltvBps !== 0n) avgLtvSum += collateralBase * ltv
      else hasZeroLtvCollateral = true
      avgLtSum += collateralBase * lt
    }

    let variableDebt = 0n
    let stableDebt = 0n
    let debtBase = 0n
    if (inUse && user.borrowing) {
      variableDebt =
        user.scaledVariableDebt === 0n
          ? 0n
          : rayMul(user.scaledVariableDebt, getNormalizedDebt(reserve, state.timestamp))
      stableDebt = getStableDebtBalance(
        {
          principal: user.stableDebtPrincipal,
          userRateRay: user.stableRateRay,
          lastUpdateTimestamp: user.stableLastUpdateTimestamp,
        },
        state.timestamp,
      )
      debtBase = (price * (variableDebt + stableDebt)) / assetUnit
      totalDebt += debtBase
    }
    figures.push({
      reserve,
      priceE8: price,
      supplied,
      variableDebt,
      stableDebt,
      isCollateral,
      collateralBase,
      debtBase,
      ltvBps: ltv,
      liquidationThresholdBps: lt,
      liquidationBonusBps: inEMode && eMode ? eMode.liquidationBonusBps : reserve.liquidationBonusBps,
    })
  }

  const avgLtvBps = totalCollateral !== 0n ? avgLtvSum / totalCollateral : 0n
  const avgLiquidationThresholdBps = totalCollateral !== 0n ? avgLtSum / totalCollateral : 0n
  const healthFactorWad =
    totalDebt === 0n ? null : wadDiv(percentMul(totalCollateral, avgLiquidationThresholdBps), totalDebt)
  return {
    totalCollateralBase: totalCollateral,
    totalDebtBase: totalDebt,
    avgLtvBps,
    avgLiquidationThresholdBps,
    healthFactorWad,
    hasZeroLtvCollateral,
    reserves: figures,
  }
}
