import { WAD } from '../../math/fixedPoint.js'
import { factorsOf, type AssetExposure, type RiskFactorId } from '../../domain/riskFactor.js'
import type { LiquidationPrice } from '../../domain/venue.js'
import type { UniformMoveLiquidation } from '../venueModel.js'
import type { MaintenanceTier } from '../kernel/venueKernel.js'

export type { MaintenanceTier } from '../kernel/venueKernel.js'

/**
 * One perp position in a linear margin account. Size in base units, signed;
 * mark in USD; rates as fractions of notional.
 */
export type PerpAccountPosition = {
  readonly market: string
  readonly exposure: AssetExposure
  readonly sizeSigned: number
  readonly markPrice: number
  readonly maintenanceMarginRate: number
  readonly initialMarginRate: number | null
  /**
   * Margin tiers, lowest bound first (Hyperliquid "Margin tiers"): from
   * `lowerBoundUsd` of notional on, maintenance = notional·rate − deduction,
   * the deductions making it continuous. Absent: one tier at `maintenanceMarginRate`.
   */
  readonly maintenanceTiers?: readonly MaintenanceTier[]
}


/**
 * Tiers from a venue's (lowerBound, maxLeverage) table, as Hyperliquid
 * defines them: rate_n = 1/(2·maxLeverage_n); deduction_0 = 0,
 * deduction_n = deduction_{n−1} + lowerBound_n·(rate_n − rate_{n−1}).
 */
export function maintenanceTiers(table: readonly { readonly lowerBoundUsd: number; readonly maxLeverage: number }[]): MaintenanceTier[] {
  const sorted = [...table].sort((a, b) => a.lowerBoundUsd - b.lowerBoundUsd)
  const out: MaintenanceTier[] = []
  for (const [i, t] of sorted.entries()) {
    const rate = 1 / (2 * t.maxLeverage)
    const deductionUsd = i === 0 ? 0 : out[i - 1]!.deductionUsd + t.lowerBoundUsd * (rate - out[i - 1]!.rate)
    out.push({ lowerBoundUsd: t.lowerBoundUsd, rate, deductionUsd })
  }
  return out
}

/** A position's maintenance requirement at an absolute notional, USD (its tier's rate less its deduction). */
export function positionMaintenance(p: PerpAccountPosition, notionalUsd: number): number {
  const tiers = p.maintenanceTiers
  if (!tiers || tiers.length === 0) return notionalUsd * p.maintenanceMarginRate
  let tier = tiers[0]!
  for (const t of tiers) if (notionalUsd >= t.lowerBoundUsd) tier = t
  return notionalUsd * tier.rate - tier.deductionUsd
}

/**
 * A linear perp margin account (Hyperliquid cross or isolated, dYdX v4
 * subaccount): equity(P) = cashUsd + Σ s_i·P_i and
 * maintenance(P) = Σ |s_i|·P_i·mmr_i; liquidatable ⇔ equity < maintenance.
 * `cashUsd` is the collateral without unrealized PnL's mark (Hyperliquid
 * totalRawUsd / rawUsd; dYdX: USDC balance), so equity at current marks is the
 * venue's account value. With `maintenanceFixedUsd` the requirement does not
 * move with prices (Hyperliquid's 2023 rule: held at its current value).
 */
export type PerpAccount = {
  readonly cashUsd: number
  readonly positions: readonly PerpAccountPosition[]
  readonly maintenanceFixedUsd?: number
}

/** Equity, USD, with every mark multiplied by `move(position)`. */
export function perpEquity(a: PerpAccount, move: (p: PerpAccountPosition) => number = () => 1): number {
  return a.positions.reduce((s, p) => s + p.sizeSigned * p.markPrice * move(p), a.cashUsd)
}

/** Maintenance margin requirement, USD (Σ |s|·P·mmr, or the fixed legacy amount). */
export function perpMaintenance(a: PerpAccount, move: (p: PerpAccountPosition) => number = () => 1): number {
  if (a.maintenanceFixedUsd !== undefined) return a.maintenanceFixedUsd
  return a.positions.reduce((s, p) => s + positionMaintenance(p, Math.abs(p.sizeSigned) * p.markPrice * move(p)), 0)
}

/** Initial margin requirement, USD (Σ |s|·P·imr), or null when a rate is unknown. */
export function perpInitialMargin(a: PerpAccount): number | null {
  let sum = 0
  for (const p of a.positions) {
    if (p.initialMarginRate === null) return null
    sum += Math.abs(p.sizeSigned) * p.markPrice * p.initialMarginRate
  }
  return sum
}

/** Margin ratio = equity / maintenance (the perp venue's health factor); null without positions. */
export function perpMarginRatio(a: PerpAccount): number | null {
  const mm = perpMaintenance(a)
  return mm > 0 ? perpEquity(a) / mm : null
}

/** Health as a WAD integer from the float margin ratio (API venues report decimals, not contract integers). */
export function toHealthWad(ratio: number): bigint {
  return BigInt(Math.round(ratio * 1e9)) * (WAD / 10n ** 9n)
}

/**
 * The multiplier m on the marks of positions exposed to `factors` at which
 * equity = maintenance (the buffer is linear in m):
 *   buffer(m) = cash + Σ_unexposed (s − |s|·mmr)·P + m·Σ_exposed (s − |s|·mmr)·P
 * (with a fixed requirement the mmr terms drop out). For one position this is
 * Hyperliquid's documented liquidation price P − side·available/|s|/(1 − mmr·side).
 * Returns null when the buffer does not depend on the factors; a value ≤ 0
 * means no positive price liquidates (the venue's `liquidationPx: null`).
 */
export function perpLiquidationMultiplier(a: PerpAccount, factors: ReadonlySet<RiskFactorId>): number | null {
  const exposedTiered = a.positions.some((p) => (p.maintenanceTiers?.length ?? 0) > 1 && factorsOf(p.exposure).some((f) => factors.has(f)))
  if (exposedTiered && a.maintenanceFixedUsd === undefined) return tieredLiquidationMultiplier(a, factors)
  const fixed = a.maintenanceFixedUsd !== undefined
  let constant = a.cashUsd - (fixed ? a.maintenanceFixedUsd! : 0)
  let slope = 0
  for (const p of a.positions) {
    const k = factorsOf(p.exposure).filter((f) => factors.has(f)).length
    if (k === 0) {
      // a position that does not move keeps its requirement, tiered where it has tiers
      constant += p.sizeSigned * p.markPrice - (fixed ? 0 : positionMaintenance(p, Math.abs(p.sizeSigned) * p.markPrice))
      continue
    }
    // an LST perp under both factors is treated as one power (rare; not exact)
    slope += (p.sizeSigned - (fixed ? 0 : Math.abs(p.sizeSigned) * p.maintenanceMarginRate)) * p.markPrice
  }
  if (slope === 0) return null
  return -constant / slope
}

/**
 * Liquidation price of one factor (others fixed) for a perp account: the
 * reference position's mark times the liquidation multiplier, reported in
 * both its USD value and 1e-8 units. Any positive price is reported, however
 * far (a small short in a large cross account liquidates only at many times
 * the mark, and the venue reports that price); none where no positive price
 * liquidates (the venue's `liquidationPx: null`).
 */
export function perpLiquidationPrice(a: PerpAccount, factor: RiskFactorId): LiquidationPrice {
  const ref = a.positions.find((p) => p.exposure.base === factor && p.exposure.ratio === undefined) ?? a.positions.find((p) => factorsOf(p.exposure).includes(factor))
  if (!ref) return { kind: 'none', riskFactor: factor, reason: 'NOT_EXPOSED' }
  const equity = perpEquity(a)
  const mm = perpMaintenance(a)
  const already = equity < mm
  const m = already ? 1 : perpLiquidationMultiplier(a, new Set([factor]))
  if (m === null) return { kind: 'none', riskFactor: factor, reason: 'NOT_EXPOSED' }
  if (m <= 0) return { kind: 'none', riskFactor: factor, reason: 'OUT_OF_RANGE' }
  const priceUsd = ref.markPrice * m
  return {
    kind: 'price',
    riskFactor: factor,
    referenceAsset: ref.market,
    priceE8: BigInt(Math.round(priceUsd * 1e8)),
    priceUsd,
    currentPriceE8: BigInt(Math.round(ref.markPrice * 1e8)),
    changePct: (m - 1) * 100,
    direction: m < 1 ? 'DOWN' : 'UP',
    alreadyLiquidatable: already,
  }
}

/** The first uniform move of `factors` in `direction` that liquidates the account (closed form: the buffer is linear). */
export function perpUniformMove(a: PerpAccount, factors: ReadonlySet<RiskFactorId>, direction: -1 | 1): UniformMoveLiquidation {
  if (a.positions.length === 0) return { kind: 'none' }
  if (perpEquity(a) < perpMaintenance(a)) return { kind: 'already' }
  const m = perpLiquidationMultiplier(a, factors)
  if (m === null || m <= 0 || m > 11 || (direction < 0 ? m >= 1 : m <= 1)) return { kind: 'none' }
  return { kind: 'move', changePct: (m - 1) * 100 }
}

/**
 * The liquidation multiplier with margin tiers: the buffer equity − maintenance
 * is continuous and piecewise linear in m (linear between the multipliers at
 * which an exposed position's notional crosses a tier bound), so walk the
 * breakpoints from m = 1 in the dangerous direction and solve linearly in the
 * first segment where the buffer turns negative. Null when it never does for
 * m in (0, 1e6].
 */
function tieredLiquidationMultiplier(a: PerpAccount, factors: ReadonlySet<RiskFactorId>): number | null {
  const exposed = (p: PerpAccountPosition) => factorsOf(p.exposure).some((f) => factors.has(f))
  const buffer = (m: number) => perpEquity(a, (p) => (exposed(p) ? m : 1)) - perpMaintenance(a, (p) => (exposed(p) ? m : 1))
  const h = 1e-6
  const slope = (buffer(1 + h) - buffer(1 - h)) / (2 * h)
  if (slope === 0) return null
  const down = slope > 0
  const breaks = a.positions
    .filter(exposed)
    .flatMap((p) => (p.maintenanceTiers ?? []).map((t) => t.lowerBoundUsd / (Math.abs(p.sizeSigned) * p.markPrice)))
    .filter((m) => Number.isFinite(m) && m > 0 && (down ? m < 1 : m > 1))
    .sort((x, y) => (down ? y - x : x - y))
  const points = [...breaks, down ? 1e-12 : 1e6]
  let prev = 1
  let bPrev = buffer(prev)
  if (bPrev < 0) return 1
  for (const next of points) {
    const bNext = buffer(next)
    if (bNext < 0) return prev + ((0 - bPrev) * (next - prev)) / (bNext - bPrev)
    prev = next
    bPrev = bNext
  }
  // a fall to zero liquidates nothing: no positive price (the venue's null)
  return down ? -1 : null
}
