import { WAD } from '../../../math/fixedPoint.js'
import type { AaveV3VenueDetails, LiquidationGate } from './details.js'
import type { AaveV3AccountData } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState, AaveV3SentinelState } from './types.js'

/** LiquidationLogic.CLOSE_FACTOR_HF_THRESHOLD and ValidationLogic.MINIMUM_HEALTH_FACTOR_LIQUIDATION_THRESHOLD: 0.95, WAD. */
export const CLOSE_FACTOR_HF_THRESHOLD = (95n * WAD) / 100n

/**
 * Close factor of Aave v3.0–v3.2 (LiquidationLogic._calculateDebt): 50% of a
 * debt position while HF > 0.95, 100% at or below. `healthFactorWad` WAD.
 */
export function aaveV30CloseFactor(healthFactorWad: bigint): number {
  return healthFactorWad > CLOSE_FACTOR_HF_THRESHOLD ? 0.5 : 1
}

/**
 * Close factor of Aave v3.3+ for one collateral/debt pair (LiquidationLogic,
 * v3.3): 100% by default; 50% while HF > 0.95 when both the collateral and the
 * debt reserve positions are worth at least $2,000 (MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD).
 * Values in USD.
 */
export function aaveV33CloseFactor(healthFactorWad: bigint, collateralUsd: number, debtUsd: number): number {
  return healthFactorWad > CLOSE_FACTOR_HF_THRESHOLD && collateralUsd >= 2_000 && debtUsd >= 2_000 ? 0.5 : 1
}

/**
 * The sentinel's gate at `timestamp`, as PriceOracleSentinel._isUpAndGracePeriodPassed:
 * allowed ⇔ sequencer answer 0 (up) and timestamp − updatedAt > grace period.
 * The same rule gates borrows (isBorrowAllowed) and liquidations (isLiquidationAllowed).
 */
export function aaveV3LiquidationGate(s: AaveV3SentinelState, timestamp: bigint): LiquidationGate {
  const up = s.sequencerAnswer === 0n
  const allowed = up && timestamp - s.sequencerUpdatedAt > s.gracePeriodSeconds
  return {
    sentinel: s.sentinel,
    sequencerOracle: s.sequencerOracle,
    sequencerUp: up,
    sequencerUpdatedAt: s.sequencerUpdatedAt,
    gracePeriodSeconds: s.gracePeriodSeconds,
    liquidationAllowed: allowed,
    borrowAllowed: allowed,
    reason: allowed ? null : up ? 'GRACE_PERIOD' : 'SEQUENCER_DOWN',
    allowedFrom: up ? s.sequencerUpdatedAt + s.gracePeriodSeconds + 1n : null,
  }
}

/**
 * Whether a liquidatable account's liquidation call is refused now:
 * ValidationLogic.validateLiquidationCall requires the sentinel's consent
 * unless HF < 0.95.
 */
export function isAaveV3LiquidationBlocked(healthFactorWad: bigint | null, gate: LiquidationGate | null): boolean {
  return healthFactorWad !== null && healthFactorWad < WAD && healthFactorWad >= CLOSE_FACTOR_HF_THRESHOLD && gate !== null && !gate.liquidationAllowed
}

/**
 * Isolation mode, siloed borrowing and caps of an account
 * (UserConfiguration.getIsolationModeState: exactly one collateral, with a
 * debt ceiling; getSiloedBorrowingState: borrowing one siloed asset).
 */
export function aaveV3Details(state: AaveV3AccountState, data: AaveV3AccountData, gate: LiquidationGate | null): AaveV3VenueDetails {
  const collaterals = state.userReserves.filter((u) => u.usingAsCollateral)
  const only = collaterals.length === 1 ? state.reserves.find((r) => r.id === collaterals[0]!.reserveId) : undefined
  const borrowed = state.userReserves.filter((u) => u.borrowing).map((u) => state.reserves.find((r) => r.id === u.reserveId)!)
  const siloed = borrowed.length === 1 && borrowed[0]!.siloedBorrowing ? borrowed[0]!.symbol : null
  return {
    eModeCategory: state.userEModeCategory,
    eModeLabel: state.eModeCategory?.label ?? null,
    isolationMode:
      only && only.debtCeiling > 0n
        ? {
            collateral: only.symbol,
            // Aave stores debt ceilings and isolated debt in USD with 2 decimals
            debtCeilingUsd: Number(only.debtCeiling) / 100,
            isolationModeTotalDebtUsd: Number(only.isolationModeTotalDebt) / 100,
          }
        : null,
    siloedBorrowing: siloed,
    reserveCaps: data.reserves.map((f) => ({ symbol: f.reserve.symbol, supplyCap: f.reserve.supplyCap, borrowCap: f.reserve.borrowCap })),
    liquidationGate: gate,
  }
}

/**
 * The venue-level close factor of an Aave V3 account for the deployment's
 * version: v3.0–v3.2 by health factor alone; v3.3+ by health factor and the
 * size of the largest collateral and debt positions (the pair a liquidator
 * would take first). Values in USD.
 */
export function aaveV3CloseFactor(
  version: string,
  healthFactorWad: bigint | null,
  largestCollateralUsd: number,
  largestDebtUsd: number,
): number {
  if (healthFactorWad === null) return 1
  const [major, minor] = version.split('.').map(Number)
  const v33OrLater = (major ?? 3) > 3 || ((major ?? 3) === 3 && (minor ?? 0) >= 3)
  return v33OrLater ? aaveV33CloseFactor(healthFactorWad, largestCollateralUsd, largestDebtUsd) : aaveV30CloseFactor(healthFactorWad)
}
