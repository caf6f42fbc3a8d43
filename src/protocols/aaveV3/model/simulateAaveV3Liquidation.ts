import { percentDiv, percentMul, rayDiv, rayMul, WAD } from '../../../math/fixedPoint.js'
import { getNormalizedDebt, getNormalizedIncome, getStableDebtBalance } from './aaveInterest.js'
import { CLOSE_FACTOR_HF_THRESHOLD } from './aaveV3Rules.js'
import { computeAaveV3AccountData, type AaveV3ReserveFigures, type PriceOf } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState, AaveV3ReserveState } from './types.js'
import type { LiquidationStep } from '../../../domain/stress.js'

/** One liquidation call's outcome. Token units; `healthFactorWadBefore/After` WAD. */
export type AaveV3LiquidationStep = {
  readonly collateral: AaveV3ReserveState
  readonly debt: AaveV3ReserveState
  readonly closeFactorBps: bigint
  /** Debt repaid by the liquidator (debt token units). */
  readonly debtRepaid: bigint
  /** Collateral the liquidator receives, and the protocol fee taken beside it (collateral token units); the borrower loses both. */
  readonly collateralToLiquidator: bigint
  readonly protocolFee: bigint
  readonly healthFactorWadBefore: bigint
  readonly healthFactorWadAfter: bigint | null
}

/**
 * One Pool.liquidationCall(collateral, debt, user, debtToCover, false) at the
 * state's timestamp and prices, as Aave V3 (v3.0.x) LiquidationLogic does it:
 * close factor on the user's debt in that reserve (50% while HF > 0.95,
 * 100% at or below), collateral = debt·P_debt/P_coll·bonus (the eMode bonus
 * where the category covers the collateral) capped at the balance, the
 * protocol fee a share of the bonus part, then the debt tokens (variable
 * first, then stable) and aTokens burned in scaled units at the indexes of the
 * timestamp. Returns null when the account is not liquidatable or holds no
 * such debt/collateral.
 * Source: aave-v3-core v1.19 LiquidationLogic.executeLiquidationCall,
 * _calculateDebt, _getConfigurationData, _calculateAvailableCollateralToLiquidate,
 * _burnDebtTokens, _burnCollateralATokens.
 */
export function simulateAaveV3Liquidation(
  state: AaveV3AccountState,
  collateralId: number,
  debtId: number,
  debtToCover: bigint,
  priceOf?: PriceOf,
): { step: AaveV3LiquidationStep; after: AaveV3AccountState } | null {
  const before = computeAaveV3AccountData(state, priceOf)
  if (before.healthFactorWad === null || before.healthFactorWad >= WAD) return null
  const coll = state.reserves.find((r) => r.id === collateralId)
  const debt = state.reserves.find((r) => r.id === debtId)
  const uColl = state.userReserves.find((u) => u.reserveId === collateralId)
  const uDebt = state.userReserves.find((u) => u.reserveId === debtId)
  if (!coll || !debt || !uColl || !uDebt || !uColl.usingAsCollateral || coll.liquidationThresholdBps === 0n || !uDebt.borrowing) return null

  const t = state.timestamp
  const debtIndex = getNormalizedDebt(debt, t)
  const incomeIndex = getNormalizedIncome(coll, t)
  const variableDebt = uDebt.scaledVariableDebt === 0n ? 0n : rayMul(uDebt.scaledVariableDebt, debtIndex)
  const stableDebt = getStableDebtBalance({ principal: uDebt.stableDebtPrincipal, userRateRay: uDebt.stableRateRay, lastUpdateTimestamp: uDebt.stableLastUpdateTimestamp }, t)
  const totalDebt = variableDebt + stableDebt
  if (totalDebt === 0n) return null
  const closeFactorBps = before.healthFactorWad > CLOSE_FACTOR_HF_THRESHOLD ? 5_000n : 10_000n
  const maxDebt = percentMul(totalDebt, closeFactorBps)
  let debtAmount = debtToCover > maxDebt ? maxDebt : debtToCover

  const inEMode = state.userEModeCategory !== 0 && coll.eModeCategory === state.userEModeCategory && state.eModeCategory !== null
  const bonus = inEMode ? state.eModeCategory!.liquidationBonusBps : coll.liquidationBonusBps
  const eModeSource = state.userEModeCategory !== 0 ? state.eModeCategory?.priceSource ?? null : null
  const sourceReserve = eModeSource ? state.reserves.find((r) => r.asset === eModeSource) : undefined
  const price = (r: AaveV3ReserveState) => (priceOf ? priceOf(r, r.priceE8) : r.priceE8)
  // eMode price source: the collateral's when the category covers it; the debt's whenever the user is in eMode (as the contract does)
  const eModePrice = sourceReserve ? price(sourceReserve) : state.eModePriceE8
  const collPrice = inEMode && eModePrice ? eModePrice : price(coll)
  const debtPrice = eModePrice ? eModePrice : price(debt)
  const collUnit = 10n ** BigInt(coll.decimals)
  const debtUnit = 10n ** BigInt(debt.decimals)
  const userCollateral = rayMul(uColl.scaledATokenBalance, incomeIndex)

  const baseCollateral = (debtPrice * debtAmount * collUnit) / (collPrice * debtUnit)
  let collateralAmount = percentMul(baseCollateral, bonus)
  if (collateralAmount > userCollateral) {
    collateralAmount = userCollateral
    debtAmount = percentDiv((collPrice * collateralAmount * debtUnit) / (debtPrice * collUnit), bonus)
  }
  let protocolFee = 0n
  if (coll.liquidationProtocolFeeBps !== 0n) {
    const bonusCollateral = collateralAmount - percentDiv(collateralAmount, bonus)
    protocolFee = percentMul(bonusCollateral, coll.liquidationProtocolFeeBps)
  }
  const toLiquidator = collateralAmount - protocolFee

  // burn debt: variable first, then stable (LiquidationLogic._burnDebtTokens)
  let scaledVariable = uDebt.scaledVariableDebt
  let stablePrincipal = stableDebt
  let stableLast = uDebt.stableLastUpdateTimestamp
  let stableRate = uDebt.stableRateRay
  if (variableDebt >= debtAmount) {
    scaledVariable -= rayDiv(debtAmount, debtIndex)
  } else {
    if (variableDebt !== 0n) scaledVariable -= rayDiv(variableDebt, debtIndex)
    stablePrincipal = stableDebt - (debtAmount - variableDebt)
    stableLast = stablePrincipal === 0n ? 0n : t
    if (stablePrincipal === 0n) stableRate = 0n
  }
  // collateral: burned to the liquidator, the fee moved to the treasury, both in scaled units
  const scaledCollateral = uColl.scaledATokenBalance - rayDiv(toLiquidator, incomeIndex) - (protocolFee === 0n ? 0n : rayDiv(protocolFee, incomeIndex))

  const userReserves = state.userReserves.map((u) => {
    if (u.reserveId === debtId && u.reserveId === collateralId) {
      return { ...u, scaledVariableDebt: scaledVariable, stableDebtPrincipal: stablePrincipal, stableLastUpdateTimestamp: stableLast, stableRateRay: stableRate, scaledATokenBalance: scaledCollateral, borrowing: debtAmount !== totalDebt, usingAsCollateral: collateralAmount !== userCollateral }
    }
    if (u.reserveId === debtId) return { ...u, scaledVariableDebt: scaledVariable, stableDebtPrincipal: stablePrincipal, stableLastUpdateTimestamp: stableLast, stableRateRay: stableRate, borrowing: debtAmount !== totalDebt }
    if (u.reserveId === collateralId) return { ...u, scaledATokenBalance: scaledCollateral, usingAsCollateral: collateralAmount !== userCollateral }
    return u
  })
  // both reserves' indexes were updated to this timestamp (updateState)
  const reserves = state.reserves.map((r) => (r.id === debtId ? { ...r, variableBorrowIndexRay: debtIndex, liquidityIndexRay: getNormalizedIncome(r, t), lastUpdateTimestamp: t } : r.id === collateralId ? { ...r, liquidityIndexRay: incomeIndex, variableBorrowIndexRay: getNormalizedDebt(r, t), lastUpdateTimestamp: t } : r))
  const after: AaveV3AccountState = { ...state, reserves, userReserves }
  return {
    step: {
      collateral: coll,
      debt,
      closeFactorBps,
      debtRepaid: debtAmount,
      collateralToLiquidator: toLiquidator,
      protocolFee,
      healthFactorWadBefore: before.healthFactorWad,
      healthFactorWadAfter: computeAaveV3AccountData(after, priceOf).healthFactorWad,
    },
    after,
  }
}

/**
 * Liquidation calls repeated at one timestamp until the account is no longer
 * liquidatable (at most `maxCalls`), each repaying as much as the close factor
 * allows of the largest debt against the largest collateral (by value).
 */
export function simulateAaveV3LiquidationCascade(state: AaveV3AccountState, priceOf?: PriceOf, maxCalls = 20): AaveV3LiquidationStep[] {
  const steps: AaveV3LiquidationStep[] = []
  let current = state
  for (let i = 0; i < maxCalls; i++) {
    const data = computeAaveV3AccountData(current, priceOf)
    if (data.healthFactorWad === null || data.healthFactorWad >= WAD) break
    // the largest by value; ties go to the reserve listed first (the float kernel picks the same)
    const coll = data.reserves.reduce<AaveV3ReserveFigures | undefined>((best, f) => (f.isCollateral && f.collateralBase > (best?.collateralBase ?? 0n) ? f : best), undefined)
    const debt = data.reserves.reduce<AaveV3ReserveFigures | undefined>((best, f) => (f.debtBase > (best?.debtBase ?? 0n) ? f : best), undefined)
    if (!coll || !debt) break
    const r = simulateAaveV3Liquidation(current, coll.reserve.id, debt.reserve.id, 2n ** 255n, priceOf)
    if (!r || r.step.debtRepaid === 0n) break
    steps.push(r.step)
    current = r.after
  }
  return steps
}

/** Cascade steps as USD summaries at the given prices (floats for display; the steps themselves are exact). */
export function summarizeAaveV3Steps(steps: readonly AaveV3LiquidationStep[], priceOf: PriceOf): LiquidationStep[] {
  return steps.map((s) => {
    const cp = Number(priceOf(s.collateral, s.collateral.priceE8)) / 1e8
    const dp = Number(priceOf(s.debt, s.debt.priceE8)) / 1e8
    const seized = Number(s.collateralToLiquidator + s.protocolFee) / 10 ** s.collateral.decimals
    const repaid = Number(s.debtRepaid) / 10 ** s.debt.decimals
    return {
      debtAsset: s.debt.symbol,
      debtRepaid: repaid,
      debtRepaidUsd: repaid * dp,
      collateralAsset: s.collateral.symbol,
      collateralSeized: seized,
      collateralSeizedUsd: seized * cp,
      costUsd: seized * cp - repaid * dp,
      closeFactor: Number(s.closeFactorBps) / 1e4,
      healthFactorAfter: s.healthFactorWadAfter === null ? null : Number(s.healthFactorWadAfter) / 1e18,
    }
  })
}
