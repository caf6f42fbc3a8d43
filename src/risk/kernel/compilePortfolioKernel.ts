import type { RiskFactorId } from '../../domain/riskFactor.js'
import { factorsOf } from '../../domain/riskFactor.js'
import type { VenueKernel } from './venueKernel.js'

/** Health rule codes in `CompiledPortfolio.venueRule` (see KernelHealthRule). */
export const RULE_COLLATERALIZED_WHOLE_BPS = 0
export const RULE_COLLATERALIZED = 1
export const RULE_MARGIN = 2

/** Role codes in `CompiledPortfolio.legRole`. */
export const ROLE_COLLATERAL = 0
export const ROLE_DEBT = 1
export const ROLE_SUPPLY = 2
export const ROLE_PERP = 3

/** Liquidation rule codes in `CompiledPortfolio.venueLiquidationRule` (see LendingLiquidationRule, PerpLiquidationRule). */
export const LIQUIDATION_CLOSE_FACTOR = 0
export const LIQUIDATION_MARKET_CLOSE = 1
export const LIQUIDATION_FEE_ON_NOTIONAL = 2
export const LIQUIDATION_CLOSE_COST = 3
/** Parameters per venue in `venueLiquidationParameters`. */
export const LIQUIDATION_PARAMETERS = 4
const ROLES = { collateral: ROLE_COLLATERAL, debt: ROLE_DEBT, supply: ROLE_SUPPLY, perp: ROLE_PERP } as const

/** A kernel's health rule code. */
function ruleOf(k: VenueKernel): number {
  if (k.health.kind === 'margin') return RULE_MARGIN
  return k.health.averageThreshold === 'wholeBps' ? RULE_COLLATERALIZED_WHOLE_BPS : RULE_COLLATERALIZED
}

/** A kernel's liquidation rule code and its parameters (NaN where unused). */
function liquidationOf(k: VenueKernel): [number, number, number, number, number] {
  const r = k.liquidation
  switch (r.kind) {
    case 'closeFactor':
      return [LIQUIDATION_CLOSE_FACTOR, r.partialCloseFactor, r.fullCloseBelowHealth, r.maxCalls, r.clearsBadDebt ? 1 : 0]
    case 'marketClose':
      return [LIQUIDATION_MARKET_CLOSE, r.partialThresholdUsd, r.partialShare, r.backstopRatio, Number.NaN]
    case 'feeOnNotional':
      return [LIQUIDATION_FEE_ON_NOTIONAL, r.maxFeeRate, Number.NaN, Number.NaN, Number.NaN]
    case 'closeCost':
      return [LIQUIDATION_CLOSE_COST, r.closeCostUsd, Number.NaN, Number.NaN, Number.NaN]
  }
}

/**
 * A wallet's venue kernels flattened into typed arrays (structure of arrays):
 * the form the scenario loop and the Monte Carlo engine run on, and what a
 * worker thread receives (it structured-clones without copying functions).
 * Venue v owns legs `venueLegStart[v] … venueLegStart[v+1] − 1`. Factor
 * indexes refer to `factors`; −1 = none. Values USD floats; thresholds of
 * `wholeBps` venues in whole bps (so the average can be floored as the
 * venue's contract does), fractions otherwise.
 */
export type CompiledPortfolio = {
  readonly factors: readonly RiskFactorId[]
  readonly venueIds: readonly string[]
  readonly venueRule: Uint8Array
  readonly venueLegStart: Int32Array
  readonly venueConstantEquity: Float64Array
  /** NaN where the requirement moves with prices. */
  readonly venueFixedMaintenance: Float64Array
  /** Each venue's liquidation rule (LIQUIDATION_*). */
  readonly venueLiquidationRule: Uint8Array
  /** Its parameters, LIQUIDATION_PARAMETERS per venue, in the order of the rule's fields (NaN where unused). */
  readonly venueLiquidationParameters: Float64Array
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
  const legs = kernels.flatMap((k) => k.legs.map((l) => ({ l, rule: ruleOf(k) })))
  const liquidations = kernels.map(liquidationOf)
  const tiers = legs.flatMap(({ l }) => l.tiers ?? [])
  const c: CompiledPortfolio = {
    factors,
    venueIds: kernels.map((k) => k.venueId),
    venueRule: Uint8Array.from(kernels, ruleOf),
    venueLegStart: new Int32Array(kernels.length + 1),
    venueConstantEquity: Float64Array.from(kernels, (k) => k.constantEquityUsd),
    venueFixedMaintenance: Float64Array.from(kernels, (k) => k.fixedMaintenanceUsd ?? Number.NaN),
    venueLiquidationRule: Uint8Array.from(liquidations, (l) => l[0]),
    venueLiquidationParameters: Float64Array.from(liquidations.flatMap((l) => l.slice(1))),
    venueExactHealth: Uint8Array.from(kernels, (k) => (k.exactHealth ? 1 : 0)),
    legBase: Int32Array.from(legs, ({ l }) => (l.exposure ? index.get(l.exposure.base)! : -1)),
    legRatio: Int32Array.from(legs, ({ l }) => (l.exposure?.ratio !== undefined ? index.get(l.exposure.ratio)! : -1)),
    legRole: Uint8Array.from(legs, ({ l }) => ROLES[l.role]),
    legEquity: Float64Array.from(legs, ({ l }) => l.equityUsd),
    legValue: Float64Array.from(legs, ({ l }) => l.valueUsd),
    // whole bps where the average is floored to whole bps, as such a contract stores them
    legThreshold: Float64Array.from(legs, ({ l, rule }) => (rule === RULE_COLLATERALIZED_WHOLE_BPS ? Math.round(l.threshold * 1e4) : l.threshold)),
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
  if (rule === RULE_COLLATERALIZED_WHOLE_BPS) {
    if (!(collateral > 0)) return 0
    // avgThreshold = Σ coll·threshold / Σ coll, an integer division in whole bps;
    // the 1e-9 absorbs float error on a sum that is exact in the contract
    const avgBps = Math.floor(weighted / collateral + 1e-9)
    return (collateral * avgBps) / 1e4 / debt
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
  if (c.venueLiquidationRule[v] !== LIQUIDATION_CLOSE_FACTOR) return liquidateMarginVenue(c, v, m, s, scratch)
  const l0 = c.venueLegStart[v]!
  const l1 = c.venueLegStart[v + 1]!
  const held = s.held
  const p = v * LIQUIDATION_PARAMETERS
  const partialCloseFactor = c.venueLiquidationParameters[p]!
  const fullCloseBelowHealth = c.venueLiquidationParameters[p + 1]!
  const maxCalls = c.venueLiquidationParameters[p + 2]!
  const clearsBadDebt = c.venueLiquidationParameters[p + 3] === 1
  // LendingLiquidationRule: the largest debt against the largest collateral, close factor by HF, until healthy
  let cost = 0
  for (let call = 0; call < maxCalls; call++) {
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
    let repaid = debtUsd * (hf > fullCloseBelowHealth ? partialCloseFactor : 1)
    let seized = repaid * bonus
    if (seized >= collUsd) {
      seized = collUsd
      repaid = collUsd / bonus
    }
    if (!(repaid > 0)) break
    held[coll] = held[coll]! * (1 - seized / collUsd)
    // the debt left without collateral is written off where the venue clears bad debt
    held[debt] = clearsBadDebt && seized === collUsd ? 0 : held[debt]! * (1 - repaid / debtUsd)
    cost += seized - repaid
  }
  return cost
}

/**
 * A perp venue's liquidation by its rule (PerpLiquidationRule, the same
 * arithmetic as liquidatePerpAccount): `marketClose` closes at the mark
 * (large positions by the partial share first, the rest if still below
 * maintenance) at no cost, or takes all equity below the backstop ratio of
 * maintenance; `feeOnNotional` closes everything for a fee of up to its rate
 * of the notional, capped at the equity; `closeCost` closes for its close
 * costs. Closing at the mark moves the legs' value into cash.
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
  const p = v * LIQUIDATION_PARAMETERS
  const parameter = c.venueLiquidationParameters[p]!
  switch (c.venueLiquidationRule[v]) {
    case LIQUIDATION_CLOSE_COST:
      closeAll(Math.max(0, equity))
      return Math.max(0, Math.min(equity + parameter, parameter))
    case LIQUIDATION_FEE_ON_NOTIONAL: {
      let notional = 0
      for (let l = l0; l < l1; l++) if (c.legRole[l] === ROLE_PERP) notional += c.legValue[l]! * m[l]! * held[l]!
      const fee = Math.max(0, Math.min(equity, parameter * notional))
      closeAll(Math.max(0, equity - fee))
      return fee
    }
    default: {
      // LIQUIDATION_MARKET_CLOSE: partial threshold (USD), partial share, backstop ratio
      const partialThresholdUsd = parameter
      const partialShare = c.venueLiquidationParameters[p + 1]!
      const backstopRatio = c.venueLiquidationParameters[p + 2]!
      if (equity < backstopRatio * requirement(() => 1)) {
        closeAll(0)
        return Math.max(0, equity)
      }
      const large = (l: number) => c.legRole[l] === ROLE_PERP && c.legValue[l]! * m[l]! * held[l]! > partialThresholdUsd
      let partial = false
      for (let l = l0; l < l1; l++) if (large(l)) partial = true
      // market orders at the mark: equity unchanged; the large positions by the partial share first, the rest if still below maintenance
      const all = !partial || equity < requirement((l) => (large(l) ? 1 - partialShare : 0))
      let cash = s.cash[v]!
      for (let l = l0; l < l1; l++) {
        if (c.legRole[l] !== ROLE_PERP) continue
        const closed = all ? held[l]! : large(l) ? held[l]! * partialShare : held[l]!
        cash += c.legEquity[l]! * m[l]! * closed
        held[l] = held[l]! - closed
      }
      s.cash[v] = cash
      return 0
    }
  }
}
