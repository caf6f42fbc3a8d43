import { mulDivDown } from '../../../math/fixedPoint.js'
import { applyMoves, applyShock, moveMultiplier, shockPower, type PriceMoves, type PriceShock } from '../../../risk/shock.js'
import type { ExactShockModel } from '../../../risk/shockSearch.js'
import { computeMorphoBluePosition, type MorphoBluePositionData } from './computeMorphoBluePosition.js'
import type { MorphoBlueAccountState } from './types.js'

/**
 * The oracle price (1e36) under a shock. A feed-ratio oracle is recomputed
 * from its shocked feeds exactly as it computes itself
 * (SCALE_FACTOR · base / quote, rounded down); any other oracle's price is
 * scaled by the shocked collateral/loan price ratio.
 */
export function morphoOraclePriceUnderShock(state: MorphoBlueAccountState, shock: PriceShock): bigint {
  const m = state.oracleModel
  if (m.kind === 'feedRatio') {
    const base = applyShock(m.baseAnswer, state.collateralAsset.exposure, shock)
    const quote = applyShock(m.quoteAnswer, state.loanAsset.exposure, shock)
    return quote === 0n ? 0n : (m.scaleFactor * base) / quote
  }
  const kc = BigInt(shockPower(state.collateralAsset.exposure, shock.factors))
  const kl = BigInt(shockPower(state.loanAsset.exposure, shock.factors))
  return mulDivDown(state.oraclePrice, shock.num ** kc * shock.den ** kl, shock.den ** kc * shock.num ** kl)
}

/**
 * Morpho Blue for the shock search. Float terms in loan units: collateral
 * value · LLTV (moving with the collateral's factors) and −borrowed (moving
 * with the loan's, since a loan-side rise lowers the oracle price). The safe
 * terms shave 1e-9 relative and a few units: Morpho's roundings are two
 * floors of one unit each. No pieces.
 */
export function morphoBlueShockModel(state: MorphoBlueAccountState, base: MorphoBluePositionData): ExactShockModel {
  return {
    hasDebt: base.healthFactorWad !== null,
    liquidatable: base.liquidatable,
    bufferTerms(factors, safe) {
      const lltv = Number(state.params.lltv) / 1e18
      const kc = shockPower(state.collateralAsset.exposure, factors)
      const kl = shockPower(state.loanAsset.exposure, factors)
      const coll = Number(base.collateralValue) * lltv
      const debt = Number(base.borrowed)
      return [
        { weightedValue: safe ? coll * (1 - 1e-9) - 4 : coll, power: kc },
        { weightedValue: safe ? -debt * (1 + 1e-9) - 4 : -debt, power: kl },
      ]
    },
    probe(shock) {
      const data = computeMorphoBluePosition(state, morphoOraclePriceUnderShock(state, shock))
      return { liquidatable: data.liquidatable, piece: 0n }
    },
  }
}

/** The oracle price (1e36) under per-factor moves, as morphoOraclePriceUnderShock. */
export function morphoOraclePriceUnderMoves(state: MorphoBlueAccountState, moves: PriceMoves): bigint {
  const m = state.oracleModel
  if (m.kind === 'feedRatio') {
    const base = applyMoves(m.baseAnswer, state.collateralAsset.exposure, moves)
    const quote = applyMoves(m.quoteAnswer, state.loanAsset.exposure, moves)
    return quote === 0n ? 0n : (m.scaleFactor * base) / quote
  }
  const c = moveMultiplier(state.collateralAsset.exposure, moves)
  const l = moveMultiplier(state.loanAsset.exposure, moves)
  return l === 0 ? 0n : BigInt(Math.floor(Number(state.oraclePrice) * (c / l)))
}
