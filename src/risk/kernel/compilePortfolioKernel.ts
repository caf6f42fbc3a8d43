import type { RiskFactorId } from '../../domain/riskFactor.js'
import { factorsOf } from '../../domain/riskFactor.js'
import type { VenueKernel } from './venueKernel.js'
import { HYPERLIQUID_BACKSTOP_RATIO, HYPERLIQUID_PARTIAL_SHARE, HYPERLIQUID_PARTIAL_THRESHOLD_USD } from '../perps/perpLiquidation.js'

/** Rule codes in `CompiledPortfolio.venueRule`. */
export const RULE_AAVE_V3 = 0
export const RULE_MORPHO_BLUE = 1
export const RULE_MARGIN = 2

/** Role codes in `CompiledPortfolio.legRole`. */
export const ROLE_COLLATERAL = 0
export const ROLE_DEBT = 1
export const ROLE_SUPPLY = 2
export const ROLE_PERP = 3

const RULES = { aaveV3: RULE_AAVE_V3, morphoBlue: RULE_MORPHO_BLUE, margin: RULE_MARGIN } as const

/** Perp liquidation rule codes in `CompiledPortfolio.venueLiquidationRule` (see PerpLiquidationRule). */
export const LIQUIDATION_NONE = 0
export const LIQUIDATION_HYPERLIQUID = 1
export const LIQUIDATION_DYDX_V4 = 2
export const LIQUIDATION_CLOSE_COST = 3
const LIQUIDATION_RULES = { hyperliquid: LIQUIDATION_HYPERLIQUID, dydxV4: LIQUIDATION_DYDX_V4, closeCost: LIQUIDATION_CLOSE_COST } as const
const ROLES = { collateral: ROLE_COLLATERAL, debt: ROLE_DEBT, supply: ROLE_SUPPLY, perp: ROLE_PERP } as const

/**
 * A wallet's venue kernels flattened into typed arrays (structure of arrays):
 * the form the scenario loop and the Monte Carlo engine run on, and what a
 * worker thread receives (it structured-clones without copying functions).
 * Venue v owns legs `venueLegStart[v] … venueLegStart[v+1] − 1`. Factor
 * indexes refer to `factors`; −1 = none. Values USD floats; Aave thresholds
 * in whole bps (so the average can be floored as the contract does).
 */
export type CompiledPortfolio = {
  readonly factors: readonly RiskFactorId[]
  readonly venueIds: readonly string[]
  readonly venueRule: Uint8Array
  readonly venueLegStart: Int32Array
  readonly venueConstantEquity: Float64Array
  /** NaN where the requirement moves with prices. */
  readonly venueFixedMaintenance: Float64Array
  /** Margin venues' liquidation rule (LIQUIDATION_*) and its parameter (dYdX fee rate, GMX close cost USD; NaN otherwise). */
  readonly venueLiquidationRule: Uint8Array
  readonly venueLiquidationParameter: Float64Array
  readonly venueExactHealth: Uint8Array
  readonly legBase: Int32Array
  readonly legRatio: Int32Array
  readonly legRole: Uint8Array
  readonly legEquity: Float64Array
  readonly legValue: Float64Array
  readonly legThreshold: Float64Array
  readonly legBonus: Float64Array
  /** Leg l's tiers are `legTierStart[l] … legTierStart[l+1] − 1` of the tier arrays. */
  readonly legTierStart: Int32Array
  readonly tierLowerBound: Float64Array
  readonly tierRate: Float64Array
  readonly tierDeduction: Float64Array
}

/**
 * Flattens venue kernels into a CompiledPortfolio. Factors are every factor
 * any leg moves with, sorted.
 */
export function compilePortfolioKernel(kernels: readonly VenueKernel[]): CompiledPortfolio {
  const factors = [...new Set(kernels.flatMap((k) => k.legs.flatMap((l) => (l.exposure ? factorsOf(l.exposure) : []))))].sort()
  const index = new Map(factors.map((f, i) => [f, i]))
  const legs = kernels.flatMap((k) => k.legs.map((l) => ({ l, rule: k.rule })))
  const tiers = legs.flatMap(({ l }) => l.tiers ?? [])
  const c: CompiledPortfolio = {
    factors,
    venueIds: kernels.map((k) => k.venueId),
    venueRule: Uint8Array.from(kernels, (k) => RULES[k.rule]),
    venueLegStart: new Int32Array(kernels.length + 1),
    venueConstantEquity: Float64Array.from(kernels, (k) => k.constantEquityUsd),
    venueFixedMaintenance: Float64Array.from(kernels, (k) => k.fixedMaintenanceUsd ?? Number.NaN),
    venueLiquidationRule: Uint8Array.from(kernels, (k) => (k.liquidation ? LIQUIDATION_RULES[k.liquidation.kind] : LIQUIDATION_NONE)),
    venueLiquidationParameter: Float64Array.from(kernels, (k) =>
      k.liquidation?.kind === 'dydxV4' ? k.liquidation.maxLiquidationFeeRate : k.liquidation?.kind === 'closeCost' ? k.liquidation.closeCostUsd : Number.NaN,
    ),
    venueExactHealth: Uint8Array.from(kernels, (k) => (k.exactHealth ? 1 : 0)),
    legBase: Int32Array.from(legs, ({ l }) => (l.exposure ? index.get(l.exposure.base)! : -1)),
    legRatio: Int32Array.from(legs, ({ l }) => (l.exposure?.ratio !== undefined ? index.get(l.exposure.ratio)! : -1)),
    legRole: Uint8Array.from(legs, ({ l }) => ROLES[l.role]),
    legEquity: Float64Array.from(legs, ({ l }) => l.equityUsd),
    legValue: Float64Array.from(legs, ({ l }) => l.valueUsd),
    // Aave: whole bps, as the contract stores them
    legThreshold: Float64Array.from(legs, ({ l, rule }) => (rule === 'aaveV3' ? Math.round(l.threshold * 1e4) : l.threshold)),
    legBonus: Float64Array.from(legs, ({ l }) => l.bonus),
    legTierStart: new Int32Array(legs.length + 1),
    tierLowerBound: Float64Array.from(tiers, (t) => t.lowerBoundUsd),
    tierRate: Float64Array.from(tiers, (t) => t.rate),
    tierDeduction: Float64Array.from(tiers, (t) => t.deductionUsd),
  }
  let start = 0
  for (const [v, k] of kernels.entries()) {
    c.venueLegStart[v] = start
    start += k.legs.length
  }
  c.venueLegStart[kernels.length] = start
  let t = 0
  for (const [i, { l }] of legs.entries()) {
    c.legTierStart[i] = t
    t += l.tiers?.length ?? 0
  }
  c.legTierStart[legs.length] = t
  return c
}

/**
 * Mutable per-path state: how much of each leg is still held (1 = all; a
 * liquidation lowers it) and each margin venue's cash after its positions
 * were closed. Reset it with resetKernelState before each path.
 */
export type KernelState = { readonly held: Float64Array; readonly cash: Float64Array }

/** A fresh state: every leg held, each venue's cash its constant equity. */
export function createKernelState(c: CompiledPortfolio): KernelState {
  return { held: new Float64Array(c.legBase.length).fill(1), cash: Float64Array.from(c.venueConstantEquity) }
}

/** Restores every leg and each venue's cash. */
export function resetKernelState(c: CompiledPortfolio, s: KernelState): void {
  s.held.fill(1)
  s.cash.set(c.venueConstantEquity)
}

/** Each leg's price multiplier: the product of its factors' multipliers (1 for a fixed price). */
export function computeLegMultipliers(c: CompiledPortfolio, factorMultipliers: Float64Array, out: Float64Array): void {
  const n = c.legBase.length
  for (let l = 0; l < n; l++) {
    const b = c.legBase[l]!
    const r = c.legRatio[l]!
    out[l] = (b < 0 ? 1 : factorMultipliers[b]!) * (r < 0 ? 1 : factorMultipliers[r]!)
  }
}

/** Maintenance requirement of a perp leg at absolute notional x, USD (its tier's rate less the deduction). */
function perpMaintenance(c: CompiledPortfolio, l: number, x: number): number {
  const t0 = c.legTierStart[l]!
  const t1 = c.legTierStart[l + 1]!
  if (t0 === t1) return x * c.legThreshold[l]!
  let t = t0
  for (let k = t0 + 1; k < t1; k++) if (x >= c.tierLowerBound[k]!) t = k
  return x * c.tierRate[t]! - c.tierDeduction[t]!
}

/**
 * Revalues venue v at leg multipliers `m` and state `s`. Returns its health
 * factor: +Infinity without debt or positions (nothing to liquidate), below 1
 * when the protocol would liquidate; writes its equity (USD) to `equityOut[v]`.
 */
export function evaluateVenue(c: CompiledPortfolio, v: number, m: Float64Array, s: KernelState, equityOut: Float64Array): number {
  const l0 = c.venueLegStart[v]!
  const l1 = c.venueLegStart[v + 1]!
  const held = s.held
  const rule = c.venueRule[v]!
  if (rule === RULE_MARGIN) {
    let equity = s.cash[v]!
    let requirement = 0
    let positions = 0
    for (let l = l0; l < l1; l++) {
      const x = m[l]! * held[l]!
      equity += c.legEquity[l]! * x
      if (c.legRole[l] === ROLE_PERP && x > 0) {
        positions++
        requirement += perpMaintenance(c, l, c.legValue[l]! * x)
      }
    }
    equityOut[v] = equity
    if (positions === 0) return Number.POSITIVE_INFINITY
    const fixed = c.venueFixedMaintenance[v]!
    if (fixed === fixed) requirement = fixed
    return requirement > 0 ? equity / requirement : equity < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  let equity = 0
  let collateral = 0
  let weighted = 0
  let debt = 0
  for (let l = l0; l < l1; l++) {
    const x = m[l]! * held[l]!
    equity += c.legEquity[l]! * x
    const role = c.legRole[l]!
    if (role === ROLE_COLLATERAL) {
      const value = c.legValue[l]! * x
      collateral += value
      weighted += value * c.legThreshold[l]!
    } else if (role === ROLE_DEBT) {
      debt += c.legValue[l]! * x
    }
  }
  equityOut[v] = equity
  if (!(debt > 0)) return Number.POSITIVE_INFINITY
  if (rule === RULE_AAVE_V3) {
    if (!(collateral > 0)) return 0
    // GenericLogic: avgLiquidationThreshold = Σ coll·LT / Σ coll, integer division in whole bps;
    // the 1e-9 absorbs float error on a sum that is exact in the contract
    const avgLtBps = Math.floor(weighted / collateral + 1e-9)
    return (collateral * avgLtBps) / 1e4 / debt
  }
  return weighted / debt
}

/**
 * Runs venue v's liquidation at multipliers `m` until it is healthy, as the
 * kernel's rule says (see VenueKernel), updating `s`. Returns what it cost
 * the wallet, USD: collateral seized less debt repaid (lending), or the
 * margin forfeited (perps). 0 when the venue is healthy.
 */
export function liquidateVenue(c: CompiledPortfolio, v: number, m: Float64Array, s: KernelState, scratch: Float64Array): number {
  const rule = c.venueRule[v]!
  const l0 = c.venueLegStart[v]!
  const l1 = c.venueLegStart[v + 1]!
  const held = s.held
  if (rule === RULE_MARGIN) return liquidateMarginVenue(c, v, m, s, scratch)
  if (rule === RULE_MORPHO_BLUE) {
    if (!(evaluateVenue(c, v, m, s, scratch) < 1)) return 0
    let coll = -1
    let debt = -1
    for (let l = l0; l < l1; l++) {
      if (c.legRole[l] === ROLE_COLLATERAL) coll = l
      else if (c.legRole[l] === ROLE_DEBT) debt = l
    }
    if (coll < 0 || debt < 0) return 0
    const collUsd = c.legValue[coll]! * m[coll]! * held[coll]!
    const debtUsd = c.legValue[debt]! * m[debt]! * held[debt]!
    const lif = c.legBonus[coll]!
    // Morpho.liquidate: repay every share with the LIF, or seize all collateral and clear the rest as bad debt
    const seized = Math.min(collUsd, debtUsd * lif)
    const repaid = seized === collUsd ? collUsd / lif : debtUsd
    held[coll] = collUsd > 0 ? held[coll]! * (1 - seized / collUsd) : 0
    held[debt] = 0
    return seized - repaid
  }
  // Aave V3 (v3.0 LiquidationLogic): largest debt against largest collateral, close factor by HF, until healthy
  let cost = 0
  for (let call = 0; call < 20; call++) {
    const hf = evaluateVenue(c, v, m, s, scratch)
    if (!(hf < 1)) break
    let coll = -1
    let collUsd = 0
    let debt = -1
    let debtUsd = 0
    for (let l = l0; l < l1; l++) {
      const value = c.legValue[l]! * m[l]! * held[l]!
      if (c.legRole[l] === ROLE_COLLATERAL && value > collUsd) {
        coll = l
        collUsd = value
      } else if (c.legRole[l] === ROLE_DEBT && value > debtUsd) {
        debt = l
        debtUsd = value
      }
    }
    if (coll < 0 || debt < 0) break
    const bonus = c.legBonus[coll]!
    let repaid = debtUsd * (hf > 0.95 ? 0.5 : 1)
    let seized = repaid * bonus
    if (seized > collUsd) {
      seized = collUsd
      repaid = collUsd / bonus
    }
    if (!(repaid > 0)) break
    held[coll] = held[coll]! * (1 - seized / collUsd)
    held[debt] = held[debt]! * (1 - repaid / debtUsd)
    cost += seized - repaid
  }
  return cost
}

/**
 * A perp venue's liquidation by its rule (PerpLiquidationRule, the same
 * arithmetic as liquidatePerpAccount): Hyperliquid closes at the mark
 * (positions over $100k by 20% first, the rest if still below maintenance)
 * at no cost, or takes all equity below 2/3 of maintenance (backstop); dYdX
 * closes everything for a fee of up to its rate of the notional, capped at
 * the equity; GMX closes for its close costs. Closing at the mark moves the
 * legs' value into cash.
 */
function liquidateMarginVenue(c: CompiledPortfolio, v: number, m: Float64Array, s: KernelState, scratch: Float64Array): number {
  const hf = evaluateVenue(c, v, m, s, scratch)
  if (!(hf < 1)) return 0
  const l0 = c.venueLegStart[v]!
  const l1 = c.venueLegStart[v + 1]!
  const held = s.held
  const equity = scratch[v]!
  const fixed = c.venueFixedMaintenance[v]!
  const requirement = (fraction: (l: number) => number) => {
    if (fixed === fixed) return fixed
    let r = 0
    for (let l = l0; l < l1; l++) if (c.legRole[l] === ROLE_PERP) r += perpMaintenance(c, l, c.legValue[l]! * m[l]! * held[l]! * fraction(l))
    return r
  }
  const closeAll = (cashAfter: number) => {
    for (let l = l0; l < l1; l++) held[l] = 0
    s.cash[v] = cashAfter
  }
  const parameter = c.venueLiquidationParameter[v]!
  switch (c.venueLiquidationRule[v]) {
    case LIQUIDATION_CLOSE_COST:
      closeAll(Math.max(0, equity))
      return Math.max(0, Math.min(equity + parameter, parameter))
    case LIQUIDATION_DYDX_V4: {
      let notional = 0
      for (let l = l0; l < l1; l++) if (c.legRole[l] === ROLE_PERP) notional += c.legValue[l]! * m[l]! * held[l]!
      const fee = Math.max(0, Math.min(equity, parameter * notional))
      closeAll(Math.max(0, equity - fee))
      return fee
    }
    default: {
      if (equity < HYPERLIQUID_BACKSTOP_RATIO * requirement(() => 1)) {
        closeAll(0)
        return Math.max(0, equity)
      }
      const large = (l: number) => c.legRole[l] === ROLE_PERP && c.legValue[l]! * m[l]! * held[l]! > HYPERLIQUID_PARTIAL_THRESHOLD_USD
      let partial = false
      for (let l = l0; l < l1; l++) if (large(l)) partial = true
      // market orders at the mark: equity unchanged; the large positions by 20% first, the rest if still below maintenance
      const all = !partial || equity < requirement((l) => (large(l) ? 1 - HYPERLIQUID_PARTIAL_SHARE : 0))
      let cash = s.cash[v]!
      for (let l = l0; l < l1; l++) {
        if (c.legRole[l] !== ROLE_PERP) continue
        const closed = all ? held[l]! : large(l) ? held[l]! * HYPERLIQUID_PARTIAL_SHARE : held[l]!
        cash += c.legEquity[l]! * m[l]! * closed
        held[l] = held[l]! - closed
      }
      s.cash[v] = cash
      return 0
    }
  }
}

/** One venue revalued by its kernel. `healthFactor` null without debt or positions. USD. */
export type KernelVenueEvaluation = { readonly venueId: string; readonly healthFactor: number | null; readonly liquidatable: boolean; readonly equityUsd: number }

/**
 * Revalues every venue under relative moves per factor (−0.2 = −20%;
 * factors not named do not move), and the liquidations that follow at those
 * prices: a convenience over evaluateVenue/liquidateVenue for one scenario.
 */
export function evaluatePortfolioKernel(
  c: CompiledPortfolio,
  moves: Readonly<Record<RiskFactorId, number>>,
): { venues: KernelVenueEvaluation[]; liquidationCostUsd: number[] } {
  const factorMultipliers = Float64Array.from(c.factors, (f) => 1 + (moves[f] ?? 0))
  const m = new Float64Array(c.legBase.length)
  computeLegMultipliers(c, factorMultipliers, m)
  const s = createKernelState(c)
  const equity = new Float64Array(c.venueIds.length)
  const venues = c.venueIds.map((venueId, v) => {
    const hf = evaluateVenue(c, v, m, s, equity)
    return { venueId, healthFactor: hf === Number.POSITIVE_INFINITY ? null : hf, liquidatable: hf < 1, equityUsd: equity[v]! }
  })
  const scratch = new Float64Array(c.venueIds.length)
  return { venues, liquidationCostUsd: c.venueIds.map((_, v) => liquidateVenue(c, v, m, s, scratch)) }
}
