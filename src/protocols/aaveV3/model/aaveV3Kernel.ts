import { toFloat } from '../../../math/fixedPoint.js'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import { kernelLeg, type KernelLeg, type LendingLiquidationRule, type VenueKernel } from '../../../risk/kernel/venueKernel.js'
import type { AaveV3AccountData } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState } from './types.js'

const USD_E8 = 10n ** 8n

/**
 * Aave V3.0–3.2 LiquidationLogic.executeLiquidationCall in kernel form: 50%
 * of a debt reserve per call while HF > 0.95 (CLOSE_FACTOR_HF_THRESHOLD), all
 * of it at or below; bad debt stays (no deficit accounting before v3.3).
 */
export const AAVE_V3_0_LIQUIDATION: LendingLiquidationRule = { kind: 'closeFactor', partialCloseFactor: 0.5, fullCloseBelowHealth: 0.95, maxCalls: 20, clearsBadDebt: false }

/**
 * Aave V3.3+ LiquidationLogic in kernel form (v3.6, v3.7): the close factor is
 * 50% while HF > 0.95 and 100% at or below, as before, and bad debt is written
 * off to the reserve deficit. Approximation: the contract closes 100% at any
 * HF when either position is under $2,000 (MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD);
 * the kernel's rule has no size term, so it keeps 50% there.
 */
export const AAVE_V3_3_LIQUIDATION: LendingLiquidationRule = { kind: 'closeFactor', partialCloseFactor: 0.5, fullCloseBelowHealth: 0.95, maxCalls: 20, clearsBadDebt: true }

/**
 * An Aave V3 account as a float kernel, branching as the account data does on
 * `state.version`:
 * - v3.0: health with the whole-bps average liquidation threshold of
 *   GenericLogic v1.19, liquidation AAVE_V3_0_LIQUIDATION; LT-0 collateral is
 *   a plain supply leg; assets priced by the user's eMode price source move
 *   with that source's factors (not at all when the source is not a listed
 *   reserve);
 * - v3.6/v3.7: health Σ coll·LT / debt with no average step (`exact`),
 *   liquidation AAVE_V3_3_LIQUIDATION; every enabled collateral is a
 *   collateral leg, LT-0 included (threshold 0); thresholds and bonuses as
 *   the bitmaps decide (computeAaveV3AccountData); prices are each reserve's own.
 * Per reserve a collateral (or plain supply) leg at the collateral base the
 * contract computes and a debt leg at its debt base. USD 1e8 → USD floats.
 */
export function toAaveV3Kernel(venueId: string, state: AaveV3AccountState, data: AaveV3AccountData): VenueKernel {
  const v30 = state.version === '3.0'
  const eMode = v30 && state.userEModeCategory !== 0 ? state.eModeCategory : null
  const eModeSource = eMode?.priceSource != null ? state.reserves.find((r) => r.asset === eMode.priceSource) : undefined
  const eModePriced = v30 && state.eModePriceE8 != null && state.eModePriceE8 !== 0n
  const legs: KernelLeg[] = []
  for (const f of data.reserves) {
    const r = f.reserve
    const inEMode = eMode !== null && r.eModeCategory === state.userEModeCategory
    const exposure: AssetExposure | null = inEMode && eModePriced ? (eModeSource?.exposure ?? null) : r.exposure
    const unit = 10n ** BigInt(r.decimals)
    const usd = (amount: bigint) => toFloat(amount * f.priceE8, unit * USD_E8)
    if (f.supplied > 0n) {
      legs.push(
        kernelLeg({
          exposure,
          role: f.isCollateral ? 'collateral' : 'supply',
          equityUsd: usd(f.supplied),
          valueUsd: toFloat(f.collateralBase, USD_E8),
          threshold: Number(f.liquidationThresholdBps) / 1e4,
          bonus: Number(f.liquidationBonusBps) / 1e4,
        }),
      )
    }
    const debt = f.variableDebt + f.stableDebt
    if (debt > 0n) legs.push(kernelLeg({ exposure, role: 'debt', equityUsd: -usd(debt), valueUsd: toFloat(f.debtBase, USD_E8) }))
  }
  return {
    venueId,
    health: { kind: 'collateralized', averageThreshold: v30 ? 'wholeBps' : 'exact' },
    liquidation: v30 ? AAVE_V3_0_LIQUIDATION : AAVE_V3_3_LIQUIDATION,
    legs,
    constantEquityUsd: 0,
    fixedMaintenanceUsd: null,
    exactHealth: true,
  }
}
