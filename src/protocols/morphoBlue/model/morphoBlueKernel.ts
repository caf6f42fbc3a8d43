import { toFloat, WAD } from '../../../math/fixedPoint.js'
import { kernelLeg, type KernelLeg, type LendingLiquidationRule, type VenueKernel } from '../../../risk/kernel/venueKernel.js'
import type { MorphoBluePositionData } from './computeMorphoBluePosition.js'
import type { MorphoBlueAccountState } from './types.js'

const USD_E8 = 10n ** 8n

/**
 * Morpho.liquidate in kernel form: one call repays the whole debt with the
 * LIF (no close factor), or seizes all the collateral and writes the rest off
 * as bad debt.
 */
export const MORPHO_BLUE_LIQUIDATION: LendingLiquidationRule = { kind: 'closeFactor', partialCloseFactor: 1, fullCloseBelowHealth: 1, maxCalls: 1, clearsBadDebt: true }

/**
 * A Morpho Blue position as a float kernel (health: collateral·LLTV / debt,
 * Morpho._isHealthy; liquidation: MORPHO_BLUE_LIQUIDATION): the
 * collateral at the market's oracle (collateral·price/1e36 in loan units,
 * moving with the collateral's factors) weighted by LLTV with the LIF as its
 * bonus, the borrowed assets (moving with the loan's factors), and a lender's
 * supply as equity only. Loan units are turned into USD at the loan token's
 * USD price; where that price is unknown, health is kept in loan units (the
 * ratio is unchanged) and the position's USD equity is 0, as the venue shows.
 */
export function toMorphoBlueKernel(venueId: string, state: MorphoBlueAccountState, data: MorphoBluePositionData): VenueKernel {
  const loan = state.loanAsset
  const loanUnit = 10n ** BigInt(loan.decimals)
  const loanUsd = loan.priceE8 === null ? 0 : toFloat(loan.priceE8, USD_E8)
  const scale = loanUsd > 0 ? loanUsd : 1
  const inLoan = (units: bigint) => toFloat(units, loanUnit)
  const legs: KernelLeg[] = []
  if (data.collateral > 0n) {
    legs.push(
      kernelLeg({
        exposure: state.collateralAsset.exposure,
        role: 'collateral',
        equityUsd: inLoan(data.collateralValue) * loanUsd,
        valueUsd: inLoan(data.collateralValue) * scale,
        threshold: toFloat(state.params.lltv, WAD),
        bonus: toFloat(data.liquidationIncentiveFactor, WAD),
      }),
    )
  }
  if (data.supplied > 0n) legs.push(kernelLeg({ exposure: loan.exposure, role: 'supply', equityUsd: inLoan(data.supplied) * loanUsd, valueUsd: 0 }))
  if (data.borrowed > 0n && state.position.borrowShares > 0n) {
    legs.push(kernelLeg({ exposure: loan.exposure, role: 'debt', equityUsd: -inLoan(data.borrowed) * loanUsd, valueUsd: inLoan(data.borrowed) * scale }))
  }
  return { venueId, health: { kind: 'collateralized', averageThreshold: 'exact' }, liquidation: MORPHO_BLUE_LIQUIDATION, legs, constantEquityUsd: 0, fixedMaintenanceUsd: null, exactHealth: true }
}
