import { percentDiv, percentMul, rayDiv, rayMul, WAD } from '../../../math/fixedPoint.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { getNormalizedDebt, getNormalizedIncome, getStableDebtBalance } from './aaveInterest.js'
import { aaveV30PairCloseFactor, aaveV3LiquidationGate, isAaveV3SentinelRefusing, type AaveV3PairCloseFactor } from './aaveV3Rules.js'
import { computeAaveV3AccountData, type PriceOf } from './computeAaveV3AccountData.js'
import type { AaveV3LiquidationOutcome, AaveV3LiquidationRevertReason } from './aaveV3LiquidationStep.js'
import type { AaveV3AccountState, AaveV3ReserveState, AaveV3UserReserve } from './types.js'

/**
 * One Pool.liquidationCall(collateral, debt, user, debtToCover, false) at the
 * state's timestamp and prices, as Aave V3 v3.0.x LiquidationLogic does it:
 * validation (sentinel unless HF < 0.95, HF < 1, collateral enabled with LT > 0,
 * debt in the reserve), close factor on the user's debt in that reserve (50% while
 * HF > 0.95, 100% at or below), collateral = debt·P_debt/P_coll·bonus (the eMode
 * bonus and price source where the category covers the collateral) capped at
 * the balance, the protocol fee a share of the bonus part, then the debt
 * tokens (variable first, then stable) and aTokens burned in scaled units at
 * the indexes of the timestamp (half-up rounding throughout). No deficit
 * accounting before v3.3: bad debt stays on the account.
 * Token units; indexes RAY; prices USD·1e8 (`priceOf` overrides the oracle).
 * Source: aave-v3-core v1.19 (v3.0.2) LiquidationLogic.executeLiquidationCall,
 * _calculateDebt, _getConfigurationData, _calculateAvailableCollateralToLiquidate,
 * _burnDebtTokens, _burnCollateralATokens; ValidationLogic.validateLiquidationCall.
 * @throws {InvalidArgumentError} when `collateralId` or `debtId` is not a reserve of the state.
 */
export function executeAaveV3LiquidationCall30(
  state: AaveV3AccountState,
  collateralId: number,
  debtId: number,
  debtToCover: bigint,
  priceOf?: PriceOf,
): AaveV3LiquidationOutcome {
  const coll = state.reserves.find((r) => r.id === collateralId)
  const debt = state.reserves.find((r) => r.id === debtId)
  if (!coll) throw new InvalidArgumentError('collateralId', `reserve ${collateralId} is not listed in the account state`)
  if (!debt) throw new InvalidArgumentError('debtId', `reserve ${debtId} is not listed in the account state`)
  const before = computeAaveV3AccountData(state, priceOf)
  const gate = state.sentinel ? aaveV3LiquidationGate(state.sentinel, state.timestamp) : null
  if (isAaveV3SentinelRefusing(state.version, before.healthFactorWad, gate)) return reverted('PRICE_ORACLE_SENTINEL_CHECK_FAILED')
  if (before.healthFactorWad === null || before.healthFactorWad >= WAD) return reverted('HEALTH_FACTOR_NOT_BELOW_THRESHOLD')
  const uColl = state.userReserves.find((u) => u.reserveId === collateralId)
  const uDebt = state.userReserves.find((u) => u.reserveId === debtId)
  if (!uColl || !uColl.usingAsCollateral || coll.liquidationThresholdBps === 0n) return reverted('COLLATERAL_CANNOT_BE_LIQUIDATED')

  const t = state.timestamp
  const debtIndex = getNormalizedDebt(debt, t)
  const incomeIndex = getNormalizedIncome(coll, t)
  const owed = uDebt ? calculateAaveV3LiquidationDebt(uDebt, debtIndex, t, before.healthFactorWad, debtToCover) : null
  if (!uDebt || owed === null) return reverted('SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER')
  const seized = calculateAaveV3CollateralToLiquidate(state, coll, debt, rayMul(uColl.scaledATokenBalance, incomeIndex), owed.debtToLiquidate, priceOf)
  if (seized === null) return reverted('ORACLE_PRICE_ZERO')
  const toLiquidator = seized.collateralAmount - seized.protocolFee
  const debtTokens = burnAaveV3DebtTokens(uDebt, owed, seized.debtAmount, debtIndex, t)
  // collateral: burned to the liquidator, the fee moved to the treasury, both in scaled units
  const scaledCollateral = uColl.scaledATokenBalance - rayDiv(toLiquidator, incomeIndex) - (seized.protocolFee === 0n ? 0n : rayDiv(seized.protocolFee, incomeIndex))
  const after = toStateAfterLiquidation(state, {
    collateralId,
    debtId,
    timestamp: t,
    debtIndex,
    incomeIndex,
    debtTokens,
    scaledCollateral,
    borrowing: seized.debtAmount !== owed.totalDebt,
    usingAsCollateral: seized.collateralAmount !== seized.userCollateral,
  })
  return {
    kind: 'liquidated',
    step: {
      collateral: coll,
      debt,
      closeFactorBps: owed.closeFactor.closeFactorBps,
      closeFactorRule: owed.closeFactor.rule,
      reserveDebtBefore: owed.totalDebt,
      maxLiquidatableDebt: owed.closeFactor.maxLiquidatableDebt,
      debtRepaid: seized.debtAmount,
      collateralToLiquidator: toLiquidator,
      protocolFee: seized.protocolFee,
      deficits: [],
      healthFactorWadBefore: before.healthFactorWad,
      healthFactorWadAfter: computeAaveV3AccountData(after, priceOf).healthFactorWad,
    },
    after,
  }
}

function reverted(reason: AaveV3LiquidationRevertReason): AaveV3LiquidationOutcome {
  return { kind: 'reverted', reason }
}

/** The user's debt in the debt reserve at its index and how much of it one call may repay, debt token units (close factor in bps), as LiquidationLogic._calculateDebt. */
type AaveV3LiquidationDebt = {
  readonly variableDebt: bigint
  readonly stableDebt: bigint
  readonly totalDebt: bigint
  readonly closeFactor: AaveV3PairCloseFactor
  /** min(debtToCover, totalDebt · close factor), debt token units. */
  readonly debtToLiquidate: bigint
}

/**
 * The user's variable and stable debt at `debtIndex` (RAY) and time `t`, the
 * close factor for `healthFactorWad` (WAD) and the part of `debtToCover` one
 * call may repay, debt token units, as LiquidationLogic._calculateDebt; null without debt.
 */
function calculateAaveV3LiquidationDebt(uDebt: AaveV3UserReserve, debtIndex: bigint, t: bigint, healthFactorWad: bigint, debtToCover: bigint): AaveV3LiquidationDebt | null {
  const variableDebt = uDebt.scaledVariableDebt === 0n ? 0n : rayMul(uDebt.scaledVariableDebt, debtIndex)
  const stableDebt = getStableDebtBalance({ principal: uDebt.stableDebtPrincipal, userRateRay: uDebt.stableRateRay, lastUpdateTimestamp: uDebt.stableLastUpdateTimestamp }, t)
  const totalDebt = variableDebt + stableDebt
  if (totalDebt === 0n) return null
  const closeFactor = aaveV30PairCloseFactor(healthFactorWad, totalDebt)
  const maxDebt = closeFactor.maxLiquidatableDebt
  return { variableDebt, stableDebt, totalDebt, closeFactor, debtToLiquidate: debtToCover > maxDebt ? maxDebt : debtToCover }
}

/**
 * The collateral `debtToLiquidate` buys at the (eMode) prices with the bonus,
 * capped at the user's collateral `userCollateral` (the debt then reduced to
 * match), and the protocol fee on the bonus part; token units, as
 * LiquidationLogic._getConfigurationData and _calculateAvailableCollateralToLiquidate;
 * null when either price is 0 (the contract reverts: AaveOracle has no fallback).
 */
function calculateAaveV3CollateralToLiquidate(
  state: AaveV3AccountState,
  coll: AaveV3ReserveState,
  debt: AaveV3ReserveState,
  userCollateral: bigint,
  debtToLiquidate: bigint,
  priceOf: PriceOf | undefined,
): { userCollateral: bigint; collateralAmount: bigint; debtAmount: bigint; protocolFee: bigint } | null {
  let debtAmount = debtToLiquidate
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
  // AaveOracle answers 0 only where its source does, and then the call reverts (no fallback oracle)
  if (collPrice === 0n || debtPrice === 0n) return null

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
  return { userCollateral, collateralAmount, debtAmount, protocolFee }
}

/** The user's debt-token balances in the debt reserve after a liquidation's repayment: scaled variable debt, stable principal (token units), its timestamp and rate (RAY). */
type AaveV3DebtTokensAfter = {
  readonly scaledVariableDebt: bigint
  readonly stableDebtPrincipal: bigint
  readonly stableLastUpdateTimestamp: bigint
  readonly stableRateRay: bigint
}

/** The debt reserve's balances after `debtAmount` (debt token units) is repaid, variable first (rayDiv at `debtIndex`, RAY), then stable, as LiquidationLogic._burnDebtTokens. */
function burnAaveV3DebtTokens(uDebt: AaveV3UserReserve, owed: AaveV3LiquidationDebt, debtAmount: bigint, debtIndex: bigint, t: bigint): AaveV3DebtTokensAfter {
  const { variableDebt, stableDebt } = owed
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
  return { scaledVariableDebt: scaledVariable, stableDebtPrincipal: stablePrincipal, stableLastUpdateTimestamp: stableLast, stableRateRay: stableRate }
}

/**
 * The account state after one liquidation call: the debt reserve's tokens
 * and the collateral's scaled aTokens as burned, the user's flags, and both
 * reserves' indexes (RAY) updated to the call's timestamp (ReserveLogic.updateState).
 */
function toStateAfterLiquidation(
  state: AaveV3AccountState,
  u: {
    readonly collateralId: number
    readonly debtId: number
    readonly timestamp: bigint
    readonly debtIndex: bigint
    readonly incomeIndex: bigint
    readonly debtTokens: AaveV3DebtTokensAfter
    readonly scaledCollateral: bigint
    readonly borrowing: boolean
    readonly usingAsCollateral: boolean
  },
): AaveV3AccountState {
  const { collateralId, debtId, timestamp: t, debtIndex, incomeIndex, debtTokens, scaledCollateral, borrowing, usingAsCollateral } = u
  const userReserves = state.userReserves.map((x) => {
    if (x.reserveId === debtId && x.reserveId === collateralId) return { ...x, ...debtTokens, scaledATokenBalance: scaledCollateral, borrowing, usingAsCollateral }
    if (x.reserveId === debtId) return { ...x, ...debtTokens, borrowing }
    if (x.reserveId === collateralId) return { ...x, scaledATokenBalance: scaledCollateral, usingAsCollateral }
    return x
  })
  // both reserves' indexes were updated to this timestamp (updateState)
  const reserves = state.reserves.map((r) => (r.id === debtId ? { ...r, variableBorrowIndexRay: debtIndex, liquidityIndexRay: getNormalizedIncome(r, t), lastUpdateTimestamp: t } : r.id === collateralId ? { ...r, liquidityIndexRay: incomeIndex, variableBorrowIndexRay: getNormalizedDebt(r, t), lastUpdateTimestamp: t } : r))
  return { ...state, reserves, userReserves }
}
