import { parseUnits } from 'viem'
import type { VenueAction } from '../../../domain/simulation.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { percentDiv, percentDivCeil, WAD } from '../../../math/fixedPoint.js'
import { aaveV3TokenMath, getNormalizedDebt, getNormalizedIncome, getStableDebtBalance } from './aaveInterest.js'
import { applyMoves, type PriceMoves } from '../../../risk/shock.js'
import { aaveV3AppliedRiskParams, computeAaveV3AccountData, isAaveV3BorrowableInEMode, type AaveV3AccountData } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState, AaveV3ReserveState, AaveV3UserReserve } from './types.js'

/**
 * The account after hypothetical actions at the state's timestamp, in Aave's
 * scaled units with the rounding of `state.version` (aaveV3TokenMath):
 * - SUPPLY: + amount scaled by the liquidity index (v3.0 rayDiv, v3.6+
 *   getATokenMintScaledAmount = rayDivFloor); a first supply is enabled as
 *   collateral where the Pool would (canAutoEnableAaveV3Collateral).
 * - WITHDRAW: − amount scaled (v3.0 rayDiv, v3.6+ getATokenBurnScaledAmount =
 *   rayDivCeil); collateral is disabled when nothing is left.
 * - BORROW: + amount scaled by the borrow index (v3.0 rayDiv, v3.6+
 *   getVTokenMintScaledAmount = rayDivCeil).
 * - REPAY: v3.0 variable first, then stable; v3.6+ variable only, burning
 *   getVTokenBurnScaledAmount = rayDivFloor (BorrowLogic.executeRepay at v3.6.0).
 * Amounts are decimal strings in token units. Warnings name what the Pool
 * would refuse (aaveV3BorrowWarnings, aaveV3WithdrawWarnings); the state is
 * returned as if it had not.
 * @throws InvalidArgumentError for an unknown asset, a malformed or
 *   non-positive amount, or withdrawing/repaying more than the account holds.
 * @throws VenueDataUnavailableError on v3.6+ when the user's eMode category has no bitmaps.
 */
export function applyAaveV3Actions(state: AaveV3AccountState, actions: readonly VenueAction[]): { state: AaveV3AccountState; warnings: string[] } {
  const math = aaveV3TokenMath(state.version)
  let s = state
  const warnings: string[] = []
  for (const a of actions) {
    const reserve = s.reserves.find((r) => r.symbol === a.asset)
    if (!reserve) throw new InvalidArgumentError('actions', `${a.asset.slice(0, 32)} is not listed on ${a.venueId}.`)
    let amount: bigint
    try {
      amount = parseUnits(a.amount, reserve.decimals)
    } catch {
      throw new InvalidArgumentError('actions', `"${a.amount.slice(0, 32)}" is not a decimal amount of ${reserve.symbol}.`)
    }
    if (amount <= 0n) throw new InvalidArgumentError('actions', 'amounts must be positive.')
    const income = getNormalizedIncome(reserve, s.timestamp)
    const debtIndex = getNormalizedDebt(reserve, s.timestamp, s.version)
    const current: AaveV3UserReserve = s.userReserves.find((u) => u.reserveId === reserve.id) ?? {
      reserveId: reserve.id,
      usingAsCollateral: false,
      borrowing: false,
      scaledATokenBalance: 0n,
      scaledVariableDebt: 0n,
      stableDebtPrincipal: 0n,
      stableRateRay: 0n,
      stableLastUpdateTimestamp: s.timestamp,
    }
    const before = s
    let next: AaveV3UserReserve = current
    switch (a.kind) {
      case 'SUPPLY': {
        const first = current.scaledATokenBalance === 0n
        next = {
          ...current,
          scaledATokenBalance: current.scaledATokenBalance + math.aTokenMintScaled(amount, income),
          usingAsCollateral: current.usingAsCollateral || (first && canAutoEnableAaveV3Collateral(s, reserve)),
        }
        break
      }
      case 'WITHDRAW': {
        const burn = math.aTokenBurnScaled(amount, income)
        // v3.6.0 ValidationLogic.validateWithdraw: scaled burn ≤ scaled balance; v3.0.2: amount ≤ balance
        const tooMuch = s.version === '3.0' ? amount > math.aTokenBalance(current.scaledATokenBalance, income) : burn > current.scaledATokenBalance
        if (tooMuch) throw new InvalidArgumentError('actions', `withdraws ${a.amount} ${reserve.symbol} but ${a.venueId} holds less.`)
        const left = current.scaledATokenBalance - burn
        next = { ...current, scaledATokenBalance: left, usingAsCollateral: left > 0n && current.usingAsCollateral }
        break
      }
      case 'BORROW':
        next = { ...current, scaledVariableDebt: current.scaledVariableDebt + math.variableDebtMintScaled(amount, debtIndex), borrowing: true }
        break
      case 'REPAY': {
        const variable = math.variableDebtBalance(current.scaledVariableDebt, debtIndex)
        const stable =
          s.version === '3.0'
            ? getStableDebtBalance({ principal: current.stableDebtPrincipal, userRateRay: current.stableRateRay, lastUpdateTimestamp: current.stableLastUpdateTimestamp }, s.timestamp)
            : 0n
        if (amount > variable + stable) throw new InvalidArgumentError('actions', `repays ${a.amount} ${reserve.symbol} but ${a.venueId} owes less.`)
        const fromVariable = amount > variable ? variable : amount
        // Repaying the whole balance burns the whole scaled balance (v1.19 and v3.6.0 burn exactly it: ⌊⌈s·i⌉/i⌋ = s for i ≥ RAY).
        const burn = fromVariable === variable ? current.scaledVariableDebt : math.variableDebtBurnScaled(fromVariable, debtIndex)
        const scaledVariable = current.scaledVariableDebt - burn
        const stableLeft = stable - (amount - fromVariable)
        next = {
          ...current,
          scaledVariableDebt: scaledVariable,
          stableDebtPrincipal: stableLeft,
          stableLastUpdateTimestamp: s.timestamp,
          borrowing: scaledVariable > 0n || stableLeft > 0n,
        }
        break
      }
    }
    const userReserves = s.userReserves.some((u) => u.reserveId === reserve.id)
      ? s.userReserves.map((u) => (u.reserveId === reserve.id ? next : u))
      : [...s.userReserves, next]
    s = { ...s, userReserves }
    const what = `${a.venueId}: ${a.kind.toLowerCase()}ing ${a.amount} ${reserve.symbol}`
    if (a.kind === 'BORROW') warnings.push(...aaveV3BorrowWarnings(before, s, reserve, amount).map((w) => `${what} ${w}`))
    if (a.kind === 'WITHDRAW' && current.usingAsCollateral) warnings.push(...aaveV3WithdrawWarnings(s, reserve).map((w) => `${what} ${w}`))
  }
  return { state: s, warnings }
}

/**
 * Whether a first supply enables the asset as collateral, as the Pool decides it:
 * - v3.0 (v1.19 ValidationLogic.validateAutomaticUseAsCollateral, for a
 *   supplier without ISOLATED_COLLATERAL_SUPPLIER_ROLE): not an isolated asset
 *   (debt ceiling 0), LTV ≠ 0, and the user not in isolation mode;
 * - v3.6 (v3.6.0, same function): not an isolated asset, the user's
 *   getUserReserveLtv ≠ 0 (eMode and ltvzero included), not in isolation mode;
 * - v3.7 (docs/3.7 changelog, SupplyLogic now calls validateUseAsCollateral):
 *   getUserReserveLtv ≠ 0 alone (isolation mode is removed; in an isolated
 *   eMode an asset outside the collateral bitmap has LTV 0).
 * @throws VenueDataUnavailableError on v3.6+ when the user's eMode category has no bitmaps.
 */
export function canAutoEnableAaveV3Collateral(state: AaveV3AccountState, reserve: AaveV3ReserveState): boolean {
  const ltv = state.version === '3.0' ? reserve.ltvBps : aaveV3AppliedRiskParams(state, reserve).ltvBps
  if (ltv === 0n) return false
  if (state.version === '3.7') return true
  if (reserve.debtCeiling !== 0n) return false
  const collateral = state.userReserves.filter((u) => u.usingAsCollateral)
  if (collateral.length === 0) return true
  // UserConfiguration.getIsolationModeState: exactly one collateral, and it has a debt ceiling
  const only = collateral.length === 1 ? state.reserves.find((r) => r.id === collateral[0]!.reserveId) : undefined
  return !(only !== undefined && only.debtCeiling !== 0n)
}

/**
 * What the Pool would refuse in a borrow of `amount` (token units) of
 * `reserve`, given the account before and after it; empty when it would pass.
 * - v3.6/v3.7 (v3.6.0 ValidationLogic.validateBorrow then validateHFAndLtv on
 *   the state after the borrow): in an eMode the reserve must be in the
 *   borrowable bitmap (NotBorrowableInEMode); avgLtv ≠ 0 (LtvValidationFailed);
 *   HF ≥ 1 (HealthFactorLowerThanLiquidationThreshold); totalCollateral ≥
 *   totalDebt.percentDivCeil(avgLtv) (CollateralCannotCoverNewBorrow).
 * - v3.0 (v1.19 validateBorrow, on the state before): in an eMode the
 *   reserve's category must be the user's (INCONSISTENT_EMODE_CATEGORY);
 *   collateral ≠ 0, avgLtv ≠ 0 and HF > 1 before; (debt + amount in base).percentDiv(avgLtv) ≤
 *   totalCollateral (COLLATERAL_CANNOT_COVER_NEW_BORROW).
 * Caps, reserve flags, siloed borrowing and isolation-mode ceilings are not in
 * the state and not checked.
 * @throws VenueDataUnavailableError on v3.6+ when the user's eMode category has no bitmaps.
 */
export function aaveV3BorrowWarnings(before: AaveV3AccountState, after: AaveV3AccountState, reserve: AaveV3ReserveState, amount: bigint): string[] {
  const out: string[] = []
  if (!isAaveV3BorrowableInEMode(before, reserve)) {
    out.push(before.version === '3.0' ? 'is outside the eMode category; the Pool would revert (INCONSISTENT_EMODE_CATEGORY).' : 'is not borrowable in the eMode category; the Pool would revert (NotBorrowableInEMode).')
  }
  if (before.version === '3.0') {
    const d = computeAaveV3AccountData(before)
    if (d.totalCollateralBase === 0n) return [...out, 'has no collateral to borrow against; the Pool would revert (COLLATERAL_BALANCE_IS_ZERO).']
    if (d.avgLtvBps === 0n) return [...out, 'has no LTV to borrow against; the Pool would revert (LTV_VALIDATION_FAILED).']
    // v1.19 requires HF > 1 strictly before the borrow
    if (d.healthFactorWad !== null && d.healthFactorWad <= WAD) out.push('starts at or below HF 1; the Pool would revert (HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD).')
    // amount in base currency floored at the reserve's price (the eMode source's when it prices the asset)
    const priced = computeAaveV3AccountData(after).reserves.find((f) => f.reserve.id === reserve.id)
    const price = priced?.priceE8 ?? reserve.priceE8
    const amountBase = (amount * price) / 10n ** BigInt(reserve.decimals)
    if (percentDiv(d.totalDebtBase + amountBase, d.avgLtvBps) > d.totalCollateralBase) out.push('exceeds the LTV; the Pool would revert (COLLATERAL_CANNOT_COVER_NEW_BORROW).')
    return out
  }
  const d = computeAaveV3AccountData(after)
  if (d.avgLtvBps === 0n) return [...out, 'has no LTV to borrow against; the Pool would revert (LtvValidationFailed).']
  if (d.healthFactorWad !== null && d.healthFactorWad < WAD) out.push('leaves HF below 1; the Pool would revert (HealthFactorLowerThanLiquidationThreshold).')
  if (d.totalCollateralBase < percentDivCeil(d.totalDebtBase, d.avgLtvBps)) out.push('exceeds the LTV; the Pool would revert (CollateralCannotCoverNewBorrow).')
  return out
}

/**
 * What the Pool would refuse in a withdrawal of collateral `reserve`, given
 * the account after it; empty when it would pass. Only checked while the
 * account borrows (SupplyLogic.executeWithdraw): HF ≥ 1 after, and, when the
 * account holds zero-LTV collateral, the withdrawn asset must be one
 * (v1.19 validateHFAndLtv: its reserve LTV is 0; v3.6.0 validateHFAndLtvzero:
 * its getUserReserveLtv is 0), so zero-LTV collateral leaves first.
 * @throws VenueDataUnavailableError on v3.6+ when the user's eMode category has no bitmaps.
 */
export function aaveV3WithdrawWarnings(after: AaveV3AccountState, reserve: AaveV3ReserveState): string[] {
  const borrowing = after.userReserves.some((u) => u.borrowing)
  if (!borrowing) return []
  const d: AaveV3AccountData = computeAaveV3AccountData(after)
  const out: string[] = []
  const v30 = after.version === '3.0'
  if (d.healthFactorWad !== null && d.healthFactorWad < WAD) {
    out.push(`leaves HF below 1; the Pool would revert (${v30 ? 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD' : 'HealthFactorLowerThanLiquidationThreshold'}).`)
  }
  const ltv = v30 ? reserve.ltvBps : aaveV3AppliedRiskParams(after, reserve).ltvBps
  if (d.hasZeroLtvCollateral && ltv !== 0n) {
    out.push(`while zero-LTV collateral is held; withdraw that first, the Pool would revert (${v30 ? 'LTV_VALIDATION_FAILED' : 'LtvValidationFailed'}).`)
  }
  return out
}

/** The account with every oracle price moved (floor-rounded, as the devnet's feeds and the shock model). */
export function moveAaveV3Prices(state: AaveV3AccountState, moves: PriceMoves): AaveV3AccountState {
  const source = state.eModeCategory?.priceSource ? state.reserves.find((r) => r.asset === state.eModeCategory!.priceSource) : undefined
  return {
    ...state,
    reserves: state.reserves.map((r) => ({ ...r, priceE8: applyMoves(r.priceE8, r.exposure, moves) })),
    eModePriceE8: state.eModePriceE8 === null ? null : source ? applyMoves(state.eModePriceE8, source.exposure, moves) : state.eModePriceE8,
  }
}
