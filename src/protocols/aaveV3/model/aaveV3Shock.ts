import { WAD } from '../../../math/fixedPoint.js'
import { applyShock, shockPower, type PriceShock } from '../../../risk/shock.js'
import type { BufferTerm } from '../../../risk/estimateShockRoot.js'
import type { ExactShockModel } from '../../../risk/shockSearch.js'
import { computeAaveV3AccountData, type AaveV3AccountData } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState } from './types.js'

/** The account evaluated with every oracle price shocked (exact, floor-rounded feeds), under its own logic version. */
export function computeAaveV3AccountDataUnderShock(state: AaveV3AccountState, shock: PriceShock): AaveV3AccountData {
  return computeAaveV3AccountData(state, (reserve, price) => applyShock(price, reserve.exposure, shock))
}

/** Liquidatable as Aave V3 ValidationLogic.validateLiquidationCall: HF < 1e18 (WAD). */
export function isAaveV3Liquidatable(data: AaveV3AccountData): boolean {
  return data.healthFactorWad !== null && data.healthFactorWad < WAD
}

/**
 * Aave V3 for the shock search. Float terms: collateral·LT (USD 1e8) and
 * −debt; the safe terms lower every LT by 2 bps (not below 0) and raise debt
 * by 1e-9 and 10 base units, more than the contract's roundings can take away
 * (v3.0: the whole-bps average-LT floor and the floored values; v3.6+: the
 * floored collateral and ceiled debt values, ≤ 1 base unit per reserve, and
 * the final floor of the WAD health factor). Piece key: v3.0 the whole-bps
 * average LT; v3.6+ none (0: the health factor is Σ coll·LT / debt with no
 * average step, monotone in every price along a path).
 * LT-0 collateral (counted on v3.6+) adds a zero term.
 */
export function aaveV3ShockModel(state: AaveV3AccountState, base: AaveV3AccountData): ExactShockModel {
  return {
    hasDebt: base.healthFactorWad !== null,
    liquidatable: isAaveV3Liquidatable(base),
    bufferTerms(factors, safe) {
      return base.reserves.flatMap((f) => {
        const power = shockPower(f.reserve.exposure, factors)
        const out: BufferTerm[] = []
        const lt = Math.max(0, Number(f.liquidationThresholdBps) - (safe ? 2 : 0))
        // USD 1e8 · bps / 1e4: what the health factor's numerator counts
        if (f.isCollateral) out.push({ weightedValue: (Number(f.collateralBase) * lt) / 1e4, power })
        if (f.debtBase > 0n) out.push({ weightedValue: safe ? -Number(f.debtBase) * (1 + 1e-9) - 10 : -Number(f.debtBase), power })
        return out
      })
    },
    probe(shock) {
      const data = computeAaveV3AccountDataUnderShock(state, shock)
      return { liquidatable: isAaveV3Liquidatable(data), piece: state.version === '3.0' ? data.avgLiquidationThresholdBps : 0n }
    },
  }
}
