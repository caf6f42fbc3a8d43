import type { LiquidationStep } from '../../../domain/stress.js'
import { computeAaveV3AccountData, type PriceOf } from './computeAaveV3AccountData.js'
import { isAaveV3Liquidatable } from './aaveV3Shock.js'
import { executeAaveV3LiquidationCall30 } from './liquidationLogic30.js'
import { executeAaveV3LargestLiquidationCall36, executeAaveV3LiquidationCall36 } from './liquidationLogic36.js'
import type { AaveV3LiquidationOutcome, AaveV3LiquidationStep } from './aaveV3LiquidationStep.js'
import type { AaveV3AccountState } from './types.js'

export type { AaveV3DeficitCreated, AaveV3LiquidationOutcome, AaveV3LiquidationRevertReason, AaveV3LiquidationStep } from './aaveV3LiquidationStep.js'

const MAX_UINT256 = 2n ** 256n - 1n

/**
 * One Pool.liquidationCall(collateral, debt, user, debtToCover, false) at the
 * state's timestamp and prices (`priceOf` overrides the oracle, USD·1e8), by the
 * rules of the Pool's logic version: executeAaveV3LiquidationCall30 (v3.0.x) or
 * executeAaveV3LiquidationCall36 (v3.6; v3.7 rule-verified). `debtToCover` in
 * debt token units (type(uint256).max = as much as allowed). The outcome's step
 * equals the LiquidationCall event (debtToCover, liquidatedCollateralAmount),
 * the fee's transfer to the treasury and the DeficitCreated events.
 * @throws {InvalidArgumentError} when `collateralId` or `debtId` is not a reserve of the state.
 */
export function simulateAaveV3Liquidation(
  state: AaveV3AccountState,
  collateralId: number,
  debtId: number,
  debtToCover: bigint,
  priceOf?: PriceOf,
): AaveV3LiquidationOutcome {
  return state.version === '3.0'
    ? executeAaveV3LiquidationCall30(state, collateralId, debtId, debtToCover, priceOf)
    : executeAaveV3LiquidationCall36(state, collateralId, debtId, debtToCover, priceOf)
}

/**
 * The call for the most debt the pair allows: debtToCover = type(uint256).max
 * on v3.0 (the close factor caps it); on v3.6/v3.7 the close-factor cap or,
 * where that would leave dust (MustNotLeaveDust), the largest amount that does not.
 * @throws {InvalidArgumentError} when `collateralId` or `debtId` is not a reserve of the state.
 */
export function simulateAaveV3LargestLiquidation(state: AaveV3AccountState, collateralId: number, debtId: number, priceOf?: PriceOf): AaveV3LiquidationOutcome {
  return state.version === '3.0'
    ? executeAaveV3LiquidationCall30(state, collateralId, debtId, MAX_UINT256, priceOf)
    : executeAaveV3LargestLiquidationCall36(state, collateralId, debtId, priceOf)
}

/**
 * Liquidation calls repeated at one timestamp until the account is no longer
 * liquidatable (at most `maxCalls`): each takes, among the user's collateral
 * and debt reserves ordered by value (largest first; ties to the reserve
 * listed first), the first pair a call accepts (grace periods, dust), for as
 * much debt as that pair allows (simulateAaveV3LargestLiquidation). On v3.3+
 * a call that leaves no collateral burns the remaining debt into the reserves'
 * deficits, and the cascade ends there (no debt left).
 */
export function simulateAaveV3LiquidationCascade(state: AaveV3AccountState, priceOf?: PriceOf, maxCalls = 20): AaveV3LiquidationStep[] {
  const steps: AaveV3LiquidationStep[] = []
  let current = state
  for (let i = 0; i < maxCalls; i++) {
    const data = computeAaveV3AccountData(current, priceOf)
    if (!isAaveV3Liquidatable(data)) break
    const enabled = new Set(current.userReserves.filter((u) => u.usingAsCollateral && u.scaledATokenBalance > 0n).map((u) => u.reserveId))
    const byValue = (value: (f: (typeof data.reserves)[number]) => bigint) =>
      data.reserves.map((f, k) => ({ f, k })).sort((x, y) => (value(y.f) > value(x.f) ? 1 : value(y.f) < value(x.f) ? -1 : x.k - y.k)).map((x) => x.f)
    const collaterals = byValue((f) => f.collateralBase).filter((f) => enabled.has(f.reserve.id))
    const debts = byValue((f) => f.debtBase).filter((f) => f.variableDebt + f.stableDebt > 0n)
    let next: Extract<AaveV3LiquidationOutcome, { kind: 'liquidated' }> | null = null
    search: for (const c of collaterals) {
      for (const d of debts) {
        const r = simulateAaveV3LargestLiquidation(current, c.reserve.id, d.reserve.id, priceOf)
        if (r.kind === 'liquidated' && r.step.debtRepaid > 0n) {
          next = r
          break search
        }
      }
    }
    if (next === null) break
    steps.push(next.step)
    current = next.after
  }
  return steps
}

/**
 * Cascade steps as USD summaries at the given prices (floats for display; the
 * steps themselves are exact). `closeFactor`: the rule's share of the reserve's
 * debt (1 or 0.5), or under v3.3+'s half-of-total-debt cap the cap over the
 * reserve's debt before the call.
 */
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
      closeFactor: s.closeFactorRule === 'HALF_OF_TOTAL_DEBT' ? Number(s.maxLiquidatableDebt) / Number(s.reserveDebtBefore) : Number(s.closeFactorBps) / 1e4,
      healthFactorAfter: s.healthFactorWadAfter === null ? null : Number(s.healthFactorWadAfter) / 1e18,
    }
  })
}
