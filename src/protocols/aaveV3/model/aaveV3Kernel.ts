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
 * An Aave V3 account as a float kernel (health: the whole-bps average
 * liquidation threshold of GenericLogic; liquidation: AAVE_V3_0_LIQUIDATION): per reserve a
 * collateral (or plain supply) leg at the collateral base the contract
 * computes, with its applied liquidation threshold and bonus (eMode's where
 * the category covers the asset), and a debt leg. Prices move with the
 * reserve's factors, or, for assets priced by the user's eMode price source,
 * with that source's (not at all when the source is not a listed reserve).
 * Base currency USD 1e8 → USD floats.
 */
export function toAaveV3Kernel(venueId: string, state: AaveV3AccountState, data: AaveV3AccountData): VenueKernel {
  const eMode = state.userEModeCategory !== 0 ? state.eModeCategory : null
  const eModeSource = eMode?.priceSource != null ? state.reserves.find((r) => r.asset === eMode.priceSource) : undefined
  const eModePriced = state.eModePriceE8 != null && state.eModePriceE8 !== 0n
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
  return { venueId, health: { kind: 'collateralized', averageThreshold: 'wholeBps' }, liquidation: AAVE_V3_0_LIQUIDATION, legs, constantEquityUsd: 0, fixedMaintenanceUsd: null, exactHealth: true }
}
