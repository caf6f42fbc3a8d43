import { VenueDataUnavailableError } from '../../../errors/index.js'
import { mulDivCeil, percentMul, percentMulFloor, PERCENTAGE_FACTOR, rayMul, rayMulCeil, rayMulFloor, wadDiv } from '../../../math/fixedPoint.js'
import { getNormalizedDebt, getNormalizedIncome, getStableDebtBalance } from './aaveInterest.js'
import type { AaveV3AccountState, AaveV3EModeCategory, AaveV3ReserveState } from './types.js'

/** Per-reserve figures of an account at a timestamp. Token units and base currency (USD 1e8). */
export type AaveV3ReserveFigures = {
  readonly reserve: AaveV3ReserveState
  /** Price used for this reserve (eMode price source price when it applies), USD 1e8. */
  readonly priceE8: bigint
  readonly supplied: bigint
  readonly variableDebt: bigint
  /** Stable debt, token units: always 0 from v3.2 on (no stable debt). */
  readonly stableDebt: bigint
  /** Counted as collateral: enabled by the user, and on v3.0 its LT ≠ 0 (v3.6+ counts LT-0 collateral too). */
  readonly isCollateral: boolean
  /** Supply value as the contract floors it, USD 1e8 (0 when not collateral). */
  readonly collateralBase: bigint
  /** Debt value, USD 1e8: floored on v3.0, rounded up (MathUtils.mulDivCeil) on v3.6+. */
  readonly debtBase: bigint
  /**
   * Applied LTV and liquidation threshold, bps: v3.0 eMode values where the
   * reserve's category is the user's; v3.6+ ValidationLogic.getUserReserveLtv
   * (eMode LTV in the collateral bitmap, 0 in the ltvzero bitmap or, v3.7,
   * outside the bitmap of an isolated category) and the eMode LT in the
   * collateral bitmap.
   */
  readonly ltvBps: bigint
  readonly liquidationThresholdBps: bigint
  /** Applied liquidation bonus, bps (10500 = 5% bonus), eMode's where it covers the asset. */
  readonly liquidationBonusBps: bigint
}

/**
 * The account aggregates, as Pool.getUserAccountData of the state's logic
 * version returns them: totals in the oracle's base currency (USD, 8
 * decimals), avgLtv and avgLiquidationThreshold in whole bps (integer
 * division, rounded down), and healthFactorWad (WAD):
 * - v3.0: percentMul(totalCollateral, avgLT).wadDiv(totalDebt);
 * - v3.6/v3.7: wadDiv(Σ collateral_i·LT_i, totalDebt) / 1e4 (no whole-bps step);
 * `null` when the account has no debt (the contract returns type(uint256).max).
 */
export type AaveV3AccountData = {
  readonly totalCollateralBase: bigint
  readonly totalDebtBase: bigint
  /**
   * What the account may still borrow, USD 1e8, as GenericLogic.calculateAvailableBorrows:
   * totalCollateral·avgLtv/1e4 (percentMul half up on v3.0, percentMulFloor on v3.6+) less
   * the debt, 0 when the debt already reaches it.
   */
  readonly availableBorrowsBase: bigint
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
 * rounding, so every figure equals Pool.getUserAccountData(user) to the wei at
 * the same block, for the logic `state.version` names:
 * - v3.0: aave-v3-core v1.19 (v3.0.2) GenericLogic.calculateUserAccountData;
 * - v3.6: aave-v3-origin v3.6.0 GenericLogic.calculateUserAccountData;
 * - v3.7: the v3.6 arithmetic (docs/3.7: the health factor is unchanged) with
 *   the v3.7 getUserReserveLtv (isolated eModes, docs/3.7/isolated-emode.md).
 *   The v3.7 branch is rule-verified (release notes and the function they
 *   quote); v3.0 is contract-verified (devnet tests against core v1.19) and
 *   v3.6 is written line by line from the v3.6.0 source, for the same check
 *   against a v3.6.0 devnet.
 *
 * @param state reserves, user balances and prices at one block.
 * @param priceOf optional price override per reserve (what-if shocks); it must
 *   return the value an oracle would return (USD 1e8, integer).
 * @throws VenueDataUnavailableError on v3.6+ when the user's eMode category
 *   was read without its bitmaps (the v3.0 shape), so membership is unknown.
 */
export function computeAaveV3AccountData(
  state: AaveV3AccountState,
  priceOf: PriceOf = identityPrice,
): AaveV3AccountData {
  return state.version === '3.0' ? computeV30(state, priceOf) : computeV36(state, priceOf)
}

/**
 * v3.0.x: aave-v3-core v1.19 GenericLogic.calculateUserAccountData,
 * _getUserBalanceInBaseCurrency, _getUserDebtInBaseCurrency;
 * ReserveLogic.getNormalizedIncome/getNormalizedDebt; StableDebtToken.balanceOf;
 * EModeLogic.getEModeConfiguration/isInEModeCategory. Kept whole on purpose:
 * it mirrors calculateUserAccountData's loop line by line, so it can be
 * checked against the contract side by side.
 */
function computeV30(state: AaveV3AccountState, priceOf: PriceOf): AaveV3AccountData {
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
  // GenericLogic.calculateAvailableBorrows (v1.19): percentMul half up, 0 below the debt
  const borrowPower = percentMul(totalCollateral, avgLtvBps)
  return {
    totalCollateralBase: totalCollateral,
    totalDebtBase: totalDebt,
    availableBorrowsBase: borrowPower < totalDebt ? 0n : borrowPower - totalDebt,
    avgLtvBps,
    avgLiquidationThresholdBps,
    healthFactorWad,
    hasZeroLtvCollateral,
    reserves: figures,
  }
}

/**
 * v3.6.0 GenericLogic.calculateUserAccountData, line by line: no stable debt
 * and no eMode price source; every enabled collateral counts, LT 0 included;
 * aToken balance TokenMath.getATokenBalance (rayMulFloor) and its base value
 * floored; debt TokenMath.getVTokenBalance (rayMulCeil) and its base value
 * MathUtils.mulDivCeil; LTV ValidationLogic.getUserReserveLtv; LT the
 * category's for reserves in its collateral bitmap; HF =
 * Σ(coll_i·LT_i).wadDiv(totalDebt) / 1e4 (wadDiv half up, then floored).
 * Interest: ReserveLogic.getNormalizedIncome/Debt with the v3.4+ compounding.
 */
function computeV36(state: AaveV3AccountState, priceOf: PriceOf): AaveV3AccountData {
  const reservesById = new Map(state.reserves.map((r) => [r.id, r]))
  let totalCollateral = 0n // USD 1e8
  let totalDebt = 0n // USD 1e8
  let avgLtvSum = 0n // USD 1e8 · bps
  let avgLtSum = 0n // USD 1e8 · bps = 10 decimals
  let hasZeroLtvCollateral = false
  const figures: AaveV3ReserveFigures[] = []

  for (const user of state.userReserves) {
    const inUse = user.usingAsCollateral || user.borrowing
    if (!inUse && user.scaledATokenBalance === 0n) continue
    const reserve = reservesById.get(user.reserveId)
    if (!reserve) continue
    const assetUnit = 10n ** BigInt(reserve.decimals)
    const price = priceOf(reserve, reserve.priceE8)
    const params = aaveV3AppliedRiskParams(state, reserve)

    const supplied = rayMulFloor(user.scaledATokenBalance, getNormalizedIncome(reserve, state.timestamp))
    const isCollateral = user.usingAsCollateral
    let collateralBase = 0n
    if (isCollateral) {
      // token units · USD 1e8 / 10^decimals = USD 1e8, floored
      collateralBase = (supplied * price) / assetUnit
      totalCollateral += collateralBase
      if (params.ltvBps === 0n) hasZeroLtvCollateral = true
      else avgLtvSum += collateralBase * params.ltvBps
      avgLtSum += collateralBase * params.liquidationThresholdBps
    }

    let variableDebt = 0n
    let debtBase = 0n
    if (user.borrowing) {
      variableDebt = rayMulCeil(user.scaledVariableDebt, getNormalizedDebt(reserve, state.timestamp, state.version))
      // USD 1e8, rounded up
      debtBase = mulDivCeil(variableDebt, price, assetUnit)
      totalDebt += debtBase
    }
    figures.push({
      reserve,
      priceE8: price,
      supplied,
      variableDebt,
      stableDebt: 0n,
      isCollateral,
      collateralBase,
      debtBase,
      ltvBps: params.ltvBps,
      liquidationThresholdBps: params.liquidationThresholdBps,
      liquidationBonusBps: params.liquidationBonusBps,
    })
  }

  // 10 decimals · WAD / 8 decimals = 20 decimals; / 1e4 → WAD (wadDiv half up, the division floors)
  const healthFactorWad = totalDebt === 0n ? null : wadDiv(avgLtSum, totalDebt) / PERCENTAGE_FACTOR
  const avgLtvBps = totalCollateral !== 0n ? avgLtvSum / totalCollateral : 0n
  const avgLiquidationThresholdBps = totalCollateral !== 0n ? avgLtSum / totalCollateral : 0n
  // GenericLogic.calculateAvailableBorrows (v3.6.0): percentMulFloor, 0 at or below the debt
  const borrowPower = percentMulFloor(totalCollateral, avgLtvBps)
  return {
    totalCollateralBase: totalCollateral,
    totalDebtBase: totalDebt,
    availableBorrowsBase: borrowPower <= totalDebt ? 0n : borrowPower - totalDebt,
    avgLtvBps,
    avgLiquidationThresholdBps,
    healthFactorWad,
    hasZeroLtvCollateral,
    reserves: figures,
  }
}

/** The risk parameters Aave applies to one reserve of one account (bps), and whether the user's eMode covers it. */
export type AaveV3AppliedRiskParams = {
  readonly ltvBps: bigint
  readonly liquidationThresholdBps: bigint
  readonly liquidationBonusBps: bigint
  /** v3.0: the reserve's category is the user's; v3.6+: the reserve is in the category's collateral bitmap. */
  readonly inEModeCollateral: boolean
}

/**
 * LTV, liquidation threshold and liquidation bonus (bps) that `state.version`
 * applies to `reserve` for this account:
 * - v3.0 (GenericLogic/LiquidationLogic v1.19): the category's three values
 *   where `reserve.eModeCategory` is the user's category, else the reserve's.
 * - v3.6 (v3.6.0 ValidationLogic.getUserReserveLtv, GenericLogic,
 *   LiquidationLogic): in the user's `collateralBitmap` the category's LT and
 *   bonus, and its LTV unless the reserve is in `ltvzeroBitmap` (then 0);
 *   outside it the reserve's own three values.
 * - v3.7 (docs/3.7/isolated-emode.md, getUserReserveLtv step 2): as v3.6,
 *   except that outside the collateral bitmap of an `isolated` category the
 *   LTV is 0 (LT and bonus stay the reserve's).
 * @throws VenueDataUnavailableError on v3.6+ when the user's category has no bitmaps.
 */
export function aaveV3AppliedRiskParams(state: AaveV3AccountState, reserve: AaveV3ReserveState): AaveV3AppliedRiskParams {
  const eMode = state.userEModeCategory !== 0 ? state.eModeCategory : null
  const own = {
    ltvBps: reserve.ltvBps,
    liquidationThresholdBps: reserve.liquidationThresholdBps,
    liquidationBonusBps: reserve.liquidationBonusBps,
    inEModeCollateral: false,
  }
  if (eMode === null) return own
  if (state.version === '3.0') {
    if (reserve.eModeCategory !== state.userEModeCategory) return own
    return { ltvBps: eMode.ltvBps, liquidationThresholdBps: eMode.liquidationThresholdBps, liquidationBonusBps: eMode.liquidationBonusBps, inEModeCollateral: true }
  }
  const bitmaps = eModeBitmaps(state, eMode)
  if (isOnBitmap(bitmaps.collateral, reserve.id)) {
    return {
      ltvBps: isOnBitmap(bitmaps.ltvzero, reserve.id) ? 0n : eMode.ltvBps,
      liquidationThresholdBps: eMode.liquidationThresholdBps,
      liquidationBonusBps: eMode.liquidationBonusBps,
      inEModeCollateral: true,
    }
  }
  if (state.version === '3.7' && eMode.isolated) return { ...own, ltvBps: 0n }
  return own
}

/**
 * Whether the account may borrow `reserve` as far as eMode goes:
 * v3.6.0 ValidationLogic.validateBorrow requires, in an eMode, the reserve's
 * bit in the category's `borrowableBitmap` (the reserve's own borrowing flag
 * is then not consulted); v3.0.2 requires the reserve's category to be the
 * user's. Outside eMode always true here (the reserve's own flag is not in
 * the state).
 * @throws VenueDataUnavailableError on v3.6+ when the user's category has no bitmaps.
 */
export function isAaveV3BorrowableInEMode(state: AaveV3AccountState, reserve: AaveV3ReserveState): boolean {
  const eMode = state.userEModeCategory !== 0 ? state.eModeCategory : null
  if (eMode === null) return true
  if (state.version === '3.0') return reserve.eModeCategory === state.userEModeCategory
  return isOnBitmap(eModeBitmaps(state, eMode).borrowable, reserve.id)
}

/** The category's v3.2+ bitmaps (uint128, bit i = reserve id i), all three required on v3.6+ (a reader fills 0 for an empty one). */
function eModeBitmaps(state: AaveV3AccountState, eMode: AaveV3EModeCategory): { collateral: bigint; borrowable: bigint; ltvzero: bigint } {
  if (eMode.collateralBitmap === null || eMode.borrowableBitmap === null || eMode.ltvzeroBitmap === null) {
    throw new VenueDataUnavailableError(
      `Aave V3 ${state.version} eMode category ${eMode.id} on chain ${state.chainId} was read without its collateral, borrowable and ltvzero bitmaps; the account cannot be evaluated.`,
    )
  }
  return { collateral: eMode.collateralBitmap, borrowable: eMode.borrowableBitmap, ltvzero: eMode.ltvzeroBitmap }
}

/** EModeConfiguration.isReserveEnabledOnBitmap: bit `reserveId` of a uint128 bitmap. */
function isOnBitmap(bitmap: bigint, reserveId: number): boolean {
  return ((bitmap >> BigInt(reserveId)) & 1n) === 1n
}
