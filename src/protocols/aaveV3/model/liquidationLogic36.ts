import { mulDivCeil, percentDiv, percentDivCeil, percentDivFloor, percentMul, percentMulCeil, percentMulFloor, rayDivCeil, rayDivFloor, rayMulCeil, rayMulFloor, WAD } from '../../../math/fixedPoint.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { getNormalizedDebt, getNormalizedIncome } from './aaveInterest.js'
import {
  aaveV33PairCloseFactor,
  aaveV3LiquidationGate,
  isAaveV3InLiquidationGracePeriod,
  isAaveV3SentinelRefusing,
  MIN_LEFTOVER_BASE,
  type AaveV3PairCloseFactor,
} from './aaveV3Rules.js'
import { computeAaveV3AccountData, type PriceOf } from './computeAaveV3AccountData.js'
import type { AaveV3DeficitCreated, AaveV3LiquidationOutcome, AaveV3LiquidationRevertReason } from './aaveV3LiquidationStep.js'
import type { AaveV3AccountState, AaveV3ReserveState, AaveV3UserReserve } from './types.js'

const identityPrice: PriceOf = (_reserve, priceE8) => priceE8

/**
 * One Pool.liquidationCall(collateral, debt, user, debtToCover, receiveAToken = false)
 * at the state's timestamp and prices, by the v3.6 or v3.7 rules (state.version):
 *
 * 1. validation (ValidationLogic.validateLiquidationCall): the sentinel unless HF < 0.95 (v3.6 only),
 *    both reserves past their liquidation grace period, HF < 1, the collateral enabled (LT 0 allowed),
 *    debt in the reserve;
 * 2. balances as the tokens report them: collateral rayMulFloor(scaled, liquidity index), debt
 *    rayMulCeil(scaled, borrow index) (TokenMath, v3.5+); prices straight from the oracle (no eMode source);
 * 3. the pair's close factor (aaveV33PairCloseFactor) caps debtToCover;
 * 4. collateral = ⌊debt·P_debt·unit_c / (P_coll·unit_d)⌋ · bonus (the eMode bonus when the collateral is in the
 *    user's category's collateral bitmap), capped at the balance (the debt then percentDivCeil back); protocol
 *    fee = (collateral − collateral/bonus) · fee; v3.6 rounds these half-up, v3.7 floor/floor/ceil
 *    (docs/3.7/liquidation-rounding.md, changes 1–3);
 * 5. MustNotLeaveDust: unless all the debt or all the collateral goes, both leftovers (debt mulDivCeil, collateral
 *    floored, USD·1e8) must be ≥ $1,000 or the call reverts (it never adjusts the amount);
 * 6. the debt burned in scaled units rayDivFloor(amount, index); when no collateral is left (v3.6: the account's total
 *    collateral base equals the seized collateral's base; v3.7: the scaled consumption
 *    rayDivCeil(toLiquidator) + rayDivCeil(fee), capped at the balance, worth the total, docs/3.7/Aave-v3.7-changelog.md
 *    "Improved hasNoCollateralLeft detection") the whole reserve debt is burned and the unpaid part added to the
 *    reserve's deficit, then every other debt of the user too (_burnBadDebt);
 * 7. v3.6 only: the isolated collateral's isolationModeTotalDebt lowered by the repaid debt (v3.7 removed it);
 * 8. aTokens burned rayDivCeil(toLiquidator, index); the fee moved rayDivCeil(fee, index), capped at what is left
 *    (the fee then rayMulFloor of that).
 *
 * Token units; indexes RAY; prices USD·1e8 (`priceOf` overrides the oracle).
 * Source: aave-v3-origin v3.6.0 LiquidationLogic.executeLiquidationCall, _calculateAvailableCollateralToLiquidate,
 * _burnDebtTokens, _burnCollateralATokens, _burnBadDebt; ValidationLogic.validateLiquidationCall; TokenMath;
 * IsolationModeLogic.updateIsolatedDebt. The v3.7 branch follows docs/3.7 (Aave-v3.7-changelog.md "LiquidationLogic",
 * liquidation-rounding.md, sentinel-removal.md, mode-removal.md): rule-verified, not yet checked against a v3.7 Pool.
 * Not modelled: reserve active/paused flags (read as active, unpaused), the interest rates the call resets.
 * @throws {InvalidArgumentError} when `collateralId` or `debtId` is not a reserve of the state, or the state is v3.0.
 */
export function executeAaveV3LiquidationCall36(
  state: AaveV3AccountState,
  collateralId: number,
  debtId: number,
  debtToCover: bigint,
  priceOf: PriceOf = identityPrice,
): AaveV3LiquidationOutcome {
  const call = prepareLiquidationCall36(state, collateralId, debtId, priceOf)
  return call.kind === 'reverted' ? call : executePrepared(call.call, debtToCover, priceOf)
}

/**
 * The liquidation call a liquidator would send for the most debt the pair
 * allows: debtToCover = the close-factor cap, or, where that would revert with
 * MustNotLeaveDust (a 50% cap leaving under $1,000 of debt or collateral), the
 * largest amount that passes (found by bisection: the leftovers fall as the
 * amount grows, so the passing amounts below the cap are a prefix). Same rules,
 * units and sources as executeAaveV3LiquidationCall36.
 * @throws {InvalidArgumentError} as executeAaveV3LiquidationCall36.
 */
export function executeAaveV3LargestLiquidationCall36(
  state: AaveV3AccountState,
  collateralId: number,
  debtId: number,
  priceOf: PriceOf = identityPrice,
): AaveV3LiquidationOutcome {
  const prepared = prepareLiquidationCall36(state, collateralId, debtId, priceOf)
  if (prepared.kind === 'reverted') return prepared
  const call = prepared.call
  const cap = call.closeFactor.maxLiquidatableDebt
  if (!liquidationAmounts36(call, cap).leavesDust) return executePrepared(call, cap, priceOf)
  let passes = 0n // 0: none found yet
  let fails = cap
  while (fails - passes > 1n) {
    const mid = (passes + fails) / 2n
    if (liquidationAmounts36(call, mid).leavesDust) fails = mid
    else passes = mid
  }
  return passes === 0n ? reverted('MUST_NOT_LEAVE_DUST') : executePrepared(call, passes, priceOf)
}

/** What one call reads before it looks at debtToCover. Token units, indexes RAY, prices USD·1e8, HF WAD, totals USD·1e8. */
type LiquidationCall36 = {
  readonly state: AaveV3AccountState
  readonly v37: boolean
  readonly coll: AaveV3ReserveState
  readonly debt: AaveV3ReserveState
  readonly uColl: AaveV3UserReserve
  readonly uDebt: AaveV3UserReserve
  readonly incomeIndex: bigint
  readonly debtIndex: bigint
  readonly collateralBalance: bigint
  readonly reserveDebt: bigint
  readonly collateralPriceE8: bigint
  readonly debtPriceE8: bigint
  readonly collateralUnit: bigint
  readonly debtUnit: bigint
  readonly liquidationBonusBps: bigint
  readonly healthFactorWad: bigint
  readonly totalCollateralBase: bigint
  readonly closeFactor: AaveV3PairCloseFactor
}

/** The checks and reads of executeLiquidationCall up to the close factor, in the contract's order. */
function prepareLiquidationCall36(
  state: AaveV3AccountState,
  collateralId: number,
  debtId: number,
  priceOf: PriceOf,
): { kind: 'ready'; call: LiquidationCall36 } | { kind: 'reverted'; reason: AaveV3LiquidationRevertReason } {
  if (state.version === '3.0') throw new InvalidArgumentError('state.version', 'v3.0 liquidations follow executeAaveV3LiquidationCall30')
  const coll = state.reserves.find((r) => r.id === collateralId)
  const debt = state.reserves.find((r) => r.id === debtId)
  if (!coll) throw new InvalidArgumentError('collateralId', `reserve ${collateralId} is not listed in the account state`)
  if (!debt) throw new InvalidArgumentError('debtId', `reserve ${debtId} is not listed in the account state`)
  const collateralPriceE8 = priceOf(coll, coll.priceE8)
  const debtPriceE8 = priceOf(debt, debt.priceE8)
  if (collateralPriceE8 === 0n || debtPriceE8 === 0n) return reverted('ORACLE_PRICE_ZERO')

  const t = state.timestamp
  const data = computeAaveV3AccountData(state, priceOf)
  const hf = data.healthFactorWad
  const gate = state.sentinel ? aaveV3LiquidationGate(state.sentinel, t) : null
  if (isAaveV3SentinelRefusing(state.version, hf, gate)) return reverted('PRICE_ORACLE_SENTINEL_CHECK_FAILED')
  if (isAaveV3InLiquidationGracePeriod(coll, t) || isAaveV3InLiquidationGracePeriod(debt, t)) return reverted('LIQUIDATION_GRACE_SENTINEL_CHECK_FAILED')
  if (hf === null || hf >= WAD) return reverted('HEALTH_FACTOR_NOT_BELOW_THRESHOLD')
  const uColl = state.userReserves.find((u) => u.reserveId === collateralId)
  if (!uColl || !uColl.usingAsCollateral) return reverted('COLLATERAL_CANNOT_BE_LIQUIDATED')
  const uDebt = state.userReserves.find((u) => u.reserveId === debtId)
  const debtIndex = getNormalizedDebt(debt, t)
  const reserveDebt = uDebt ? rayMulCeil(uDebt.scaledVariableDebt, debtIndex) : 0n
  if (!uDebt || reserveDebt === 0n) return reverted('SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER')

  const incomeIndex = getNormalizedIncome(coll, t)
  const collateralBalance = rayMulFloor(uColl.scaledATokenBalance, incomeIndex)
  const eMode = state.userEModeCategory !== 0 ? state.eModeCategory : null
  const inCategory = eMode?.collateralBitmap != null && ((eMode.collateralBitmap >> BigInt(coll.id)) & 1n) === 1n
  const closeFactor = aaveV33PairCloseFactor({
    healthFactorWad: hf,
    totalDebtBase: data.totalDebtBase,
    reserveDebt,
    debtPriceE8,
    debtDecimals: debt.decimals,
    collateralBalance,
    collateralPriceE8,
    collateralDecimals: coll.decimals,
  })
  return {
    kind: 'ready',
    call: {
      state,
      v37: state.version === '3.7',
      coll,
      debt,
      uColl,
      uDebt,
      incomeIndex,
      debtIndex,
      collateralBalance,
      reserveDebt,
      collateralPriceE8,
      debtPriceE8,
      collateralUnit: 10n ** BigInt(coll.decimals),
      debtUnit: 10n ** BigInt(debt.decimals),
      liquidationBonusBps: inCategory && eMode ? eMode.liquidationBonusBps : coll.liquidationBonusBps,
      healthFactorWad: hf,
      totalCollateralBase: data.totalCollateralBase,
      closeFactor,
    },
  }
}

/** The amounts of one call for a debtToCover, token units: _calculateAvailableCollateralToLiquidate and the dust check. */
type LiquidationAmounts36 = {
  /** actualDebtToLiquidate. */
  readonly debtToLiquidate: bigint
  /** actualCollateralToLiquidate (the liquidator's part, fee excluded). */
  readonly collateralToLiquidator: bigint
  /** The fee as computed, before the transfer's 1-wei cap. */
  readonly protocolFee: bigint
  /** v3.6's collateralToLiquidateInBaseCurrency: ⌊(toLiquidator + fee)·price/unit⌋, USD·1e8. */
  readonly collateralToLiquidateBase: bigint
  readonly leavesDust: boolean
}

function liquidationAmounts36(c: LiquidationCall36, debtToCover: bigint): LiquidationAmounts36 {
  const bonus = c.liquidationBonusBps
  const cap = c.closeFactor.maxLiquidatableDebt
  let debtToLiquidate = debtToCover > cap ? cap : debtToCover
  // debt token units · USD 1e8 · 10^dec_c / (USD 1e8 · 10^dec_d) = collateral token units, floored
  const baseCollateral = (c.debtPriceE8 * debtToLiquidate * c.collateralUnit) / (c.collateralPriceE8 * c.debtUnit)
  const maxCollateral = c.v37 ? percentMulFloor(baseCollateral, bonus) : percentMul(baseCollateral, bonus)
  let collateralAmount = maxCollateral
  if (maxCollateral > c.collateralBalance) {
    collateralAmount = c.collateralBalance
    debtToLiquidate = percentDivCeil((c.collateralPriceE8 * collateralAmount * c.debtUnit) / (c.debtPriceE8 * c.collateralUnit), bonus)
  }
  const collateralToLiquidateBase = (collateralAmount * c.collateralPriceE8) / c.collateralUnit
  let protocolFee = 0n
  const feeBps = c.coll.liquidationProtocolFeeBps
  if (feeBps !== 0n) {
    const bonusCollateral = collateralAmount - (c.v37 ? percentDivFloor(collateralAmount, bonus) : percentDiv(collateralAmount, bonus))
    protocolFee = c.v37 ? percentMulCeil(bonusCollateral, feeBps) : percentMul(bonusCollateral, feeBps)
    collateralAmount -= protocolFee
  }
  let leavesDust = false
  if (debtToLiquidate < c.reserveDebt && collateralAmount + protocolFee < c.collateralBalance) {
    const debtLeftBase = mulDivCeil(c.reserveDebt - debtToLiquidate, c.debtPriceE8, c.debtUnit)
    const collateralLeftBase = ((c.collateralBalance - collateralAmount - protocolFee) * c.collateralPriceE8) / c.collateralUnit
    leavesDust = debtLeftBase < MIN_LEFTOVER_BASE || collateralLeftBase < MIN_LEFTOVER_BASE
  }
  return { debtToLiquidate, collateralToLiquidator: collateralAmount, protocolFee, collateralToLiquidateBase, leavesDust }
}

/** The state changes of executeLiquidationCall after its amounts, in the contract's order. */
function executePrepared(c: LiquidationCall36, debtToCover: bigint, priceOf: PriceOf): AaveV3LiquidationOutcome {
  const a = liquidationAmounts36(c, debtToCover)
  if (a.leavesDust) return reverted('MUST_NOT_LEAVE_DUST')
  // the collateral-capped branch can ask more than the reserve's debt: the contract's subtraction then panics
  if (a.debtToLiquidate > c.reserveDebt) return reverted('ARITHMETIC_UNDERFLOW')
  const { state, coll, debt, incomeIndex, debtIndex } = c
  const t = state.timestamp
  const scaledCollateral = c.uColl.scaledATokenBalance
  const scaledToLiquidator = rayDivCeil(a.collateralToLiquidator, incomeIndex)
  let scaledFee = a.protocolFee === 0n ? 0n : rayDivCeil(a.protocolFee, incomeIndex)

  let hasNoCollateralLeft: boolean
  let collateralDisabled: boolean
  if (c.v37) {
    const consumed = scaledToLiquidator + scaledFee > scaledCollateral ? scaledCollateral : scaledToLiquidator + scaledFee
    const consumedBase = (rayMulFloor(consumed, incomeIndex) * c.collateralPriceE8) / c.collateralUnit
    hasNoCollateralLeft = consumedBase === c.totalCollateralBase
    collateralDisabled = consumed === scaledCollateral || hasNoCollateralLeft
  } else {
    hasNoCollateralLeft = c.totalCollateralBase === a.collateralToLiquidateBase
    collateralDisabled = a.collateralToLiquidator + a.protocolFee === c.collateralBalance
  }

  // _burnDebtTokens: all of the reserve's debt when no collateral is left, the unpaid part to the deficit
  const debtBurn = burnDebt(c.uDebt.scaledVariableDebt, hasNoCollateralLeft ? c.reserveDebt : a.debtToLiquidate, debtIndex)
  if (debtBurn === null) return reverted('INVALID_BURN_AMOUNT')
  const deficits: AaveV3DeficitCreated[] = []
  const outstanding = c.reserveDebt - a.debtToLiquidate
  if (hasNoCollateralLeft && outstanding !== 0n) deficits.push({ reserve: debt, amount: outstanding })

  // _burnCollateralATokens, then the fee to the treasury capped at what the borrower has left
  if (scaledToLiquidator === 0n) return reverted('INVALID_BURN_AMOUNT')
  const scaledLeft = scaledCollateral - scaledToLiquidator
  let protocolFee = a.protocolFee
  if (protocolFee !== 0n && scaledFee > scaledLeft) {
    scaledFee = scaledLeft
    protocolFee = rayMulFloor(scaledLeft, incomeIndex)
  }

  // the account after the call: both reserves (and any reserve whose bad debt is burned) updated to t
  const userReserves = new Map(state.userReserves.map((u) => [u.reserveId, u]))
  const touched = new Set([coll.id, debt.id])
  userReserves.set(debt.id, { ...userReserves.get(debt.id)!, scaledVariableDebt: debtBurn.scaledAfter, borrowing: debtBurn.scaledAfter !== 0n && c.uDebt.borrowing })
  userReserves.set(coll.id, { ...userReserves.get(coll.id)!, scaledATokenBalance: scaledLeft - scaledFee, usingAsCollateral: !collateralDisabled })
  if (hasNoCollateralLeft) {
    // _burnBadDebt: every reserve still borrowed, in reserve id order (the user configuration bitmap's)
    const borrowed = [...userReserves.values()].filter((u) => u.borrowing).sort((x, y) => x.reserveId - y.reserveId)
    for (const u of borrowed) {
      const reserve = state.reserves.find((r) => r.id === u.reserveId)
      if (!reserve) continue
      const index = getNormalizedDebt(reserve, t)
      const owed = rayMulCeil(u.scaledVariableDebt, index)
      touched.add(reserve.id)
      if (owed === 0n) {
        userReserves.set(u.reserveId, { ...u, borrowing: false })
        continue
      }
      const burn = burnDebt(u.scaledVariableDebt, owed, index)
      if (burn === null) return reverted('INVALID_BURN_AMOUNT')
      deficits.push({ reserve, amount: owed })
      userReserves.set(u.reserveId, { ...u, scaledVariableDebt: burn.scaledAfter, borrowing: burn.scaledAfter !== 0n })
    }
  }
  const deficitOf = (id: number) => deficits.filter((d) => d.reserve.id === id).reduce((s, d) => s + d.amount, 0n)
  const reserves = state.reserves.map((r) => {
    if (!touched.has(r.id)) return r
    const isolated =
      !c.v37 && r.id === coll.id && coll.debtCeiling !== 0n
        ? lowerIsolatedDebt(r.isolationModeTotalDebt, a.debtToLiquidate, debt.decimals)
        : r.isolationModeTotalDebt
    return {
      ...r,
      liquidityIndexRay: getNormalizedIncome(r, t),
      variableBorrowIndexRay: getNormalizedDebt(r, t),
      lastUpdateTimestamp: t,
      deficit: r.deficit + deficitOf(r.id),
      isolationModeTotalDebt: isolated,
    }
  })
  const after: AaveV3AccountState = { ...state, reserves, userReserves: state.userReserves.map((u) => userReserves.get(u.reserveId)!) }
  return {
    kind: 'liquidated',
    step: {
      collateral: coll,
      debt,
      closeFactorBps: c.closeFactor.closeFactorBps,
      closeFactorRule: c.closeFactor.rule,
      reserveDebtBefore: c.reserveDebt,
      maxLiquidatableDebt: c.closeFactor.maxLiquidatableDebt,
      debtRepaid: a.debtToLiquidate,
      collateralToLiquidator: a.collateralToLiquidator,
      protocolFee,
      deficits,
      healthFactorWadBefore: c.healthFactorWad,
      healthFactorWadAfter: computeAaveV3AccountData(after, priceOf).healthFactorWad,
    },
    after,
  }
}

/**
 * VariableDebtToken.burn of `amount` (token units) at `index` (RAY): scaled
 * rayDivFloor(amount, index) (TokenMath.getVTokenBurnScaledAmount); null when that
 * is 0 (ScaledBalanceTokenBase._burnScaled reverts InvalidBurnAmount).
 */
function burnDebt(scaledDebt: bigint, amount: bigint, index: bigint): { scaledAfter: bigint } | null {
  const scaled = rayDivFloor(amount, index)
  return scaled === 0n ? null : { scaledAfter: scaledDebt - scaled }
}

/** IsolationModeLogic.updateIsolatedDebt (v3.6): the ceiling's debt (USD, 2 decimals) less the repaid debt ⌊amount / 10^(decimals − 2)⌋, floored at 0. */
function lowerIsolatedDebt(isolationModeTotalDebt: bigint, repaid: bigint, debtDecimals: number): bigint {
  const repaidUnits = repaid / 10n ** BigInt(Math.max(0, debtDecimals - 2))
  return isolationModeTotalDebt > repaidUnits ? isolationModeTotalDebt - repaidUnits : 0n
}

function reverted(reason: AaveV3LiquidationRevertReason): { kind: 'reverted'; reason: AaveV3LiquidationRevertReason } {
  return { kind: 'reverted', reason }
}
