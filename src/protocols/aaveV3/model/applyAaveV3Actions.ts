import { parseUnits } from 'viem'
import type { VenueAction } from '../../../domain/simulation.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { rayDiv, rayMul } from '../../../math/fixedPoint.js'
import { getNormalizedDebt, getNormalizedIncome, getStableDebtBalance } from './aaveInterest.js'
import { applyMoves, type PriceMoves } from '../../../risk/shock.js'
import { computeAaveV3AccountData } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState, AaveV3UserReserve } from './types.js'

/**
 * The account after hypothetical actions at the state's timestamp, in Aave's
 * scaled units (supply: + amount.rayDiv(income index); borrow: + amount.rayDiv(debt
 * index); repay: variable first, then stable). A first supply is enabled as
 * collateral unless the asset has LT 0 or is an isolation-mode asset (which
 * v3.0.2 does not enable automatically). Warnings name what the Pool would
 * refuse (withdrawing or borrowing past the LTV).
 * @throws InvalidArgumentError for an unknown asset, a malformed amount, or
 *   withdrawing/repaying more than the account holds.
 */
export function applyAaveV3Actions(state: AaveV3AccountState, actions: readonly VenueAction[]): { state: AaveV3AccountState; warnings: string[] } {
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
    const debtIndex = getNormalizedDebt(reserve, s.timestamp)
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
    let next: AaveV3UserReserve = current
    switch (a.kind) {
      case 'SUPPLY': {
        const first = current.scaledATokenBalance === 0n
        next = {
          ...current,
          scaledATokenBalance: current.scaledATokenBalance + rayDiv(amount, income),
          usingAsCollateral: current.usingAsCollateral || (first && reserve.liquidationThresholdBps !== 0n && reserve.debtCeiling === 0n),
        }
        break
      }
      case 'WITHDRAW': {
        const balance = rayMul(current.scaledATokenBalance, income)
        if (amount > balance) throw new InvalidArgumentError('actions', `withdraws ${a.amount} ${reserve.symbol} but ${a.venueId} holds less.`)
        const left = current.scaledATokenBalance - rayDiv(amount, income)
        next = { ...current, scaledATokenBalance: left, usingAsCollateral: left > 0n && current.usingAsCollateral }
        break
      }
      case 'BORROW':
        next = { ...current, scaledVariableDebt: current.scaledVariableDebt + rayDiv(amount, debtIndex), borrowing: true }
        break
      case 'REPAY': {
        const variable = rayMul(current.scaledVariableDebt, debtIndex)
        const stable = getStableDebtBalance({ principal: current.stableDebtPrincipal, userRateRay: current.stableRateRay, lastUpdateTimestamp: current.stableLastUpdateTimestamp }, s.timestamp)
        if (amount > variable + stable) throw new InvalidArgumentError('actions', `repays ${a.amount} ${reserve.symbol} but ${a.venueId} owes less.`)
        const fromVariable = amount > variable ? variable : amount
        const scaledVariable = current.scaledVariableDebt - (fromVariable === variable ? current.scaledVariableDebt : rayDiv(fromVariable, debtIndex))
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
    if (a.kind === 'BORROW' || a.kind === 'WITHDRAW') {
      const d = computeAaveV3AccountData(s)
      // ValidationLogic: a borrow needs debt ≤ collateral·LTV; a withdrawal must keep HF ≥ 1
      if (a.kind === 'BORROW' && d.totalDebtBase * 10_000n > d.totalCollateralBase * d.avgLtvBps) {
        warnings.push(`${a.venueId}: borrowing ${a.amount} ${reserve.symbol} exceeds the LTV; the Pool would revert (COLLATERAL_CANNOT_COVER_NEW_BORROW).`)
      }
      if (a.kind === 'WITHDRAW' && d.healthFactorWad !== null && d.healthFactorWad < 10n ** 18n) {
        warnings.push(`${a.venueId}: withdrawing ${a.amount} ${reserve.symbol} would leave HF below 1; the Pool would revert.`)
      }
    }
  }
  return { state: s, warnings }
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
