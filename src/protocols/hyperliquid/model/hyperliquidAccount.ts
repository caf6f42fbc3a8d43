import type { AssetExposure } from '../../../domain/riskFactor.js'
import { maintenanceTiers, type PerpAccount } from '../../../risk/perps/perpAccount.js'
import type { PerpLiquidationRule } from '../../../risk/kernel/venueKernel.js'

/**
 * How Hyperliquid liquidates (docs, Trading › Liquidations): positions are
 * closed by market orders at the mark and the trader keeps what is left; a
 * position over 100,000 USDC of notional is first closed by 20% only, the
 * rest once the 30 s cooldown has passed if the account is still below
 * maintenance; below 2/3 of the maintenance margin the liquidator vault
 * takes every position and all the margin (backstop). xmargin assumes a
 * scenario that lands below 2/3 could not be closed on the book in time, and
 * takes the backstop: the dearer outcome.
 */
export const HYPERLIQUID_LIQUIDATION = {
  rule: { kind: 'marketClose', partialThresholdUsd: 100_000, partialShare: 0.2, backstopRatio: 2 / 3 } satisfies PerpLiquidationRule,
  note: (backstop: boolean) =>
    backstop
      ? 'backstop: equity is below 2/3 of maintenance, so the liquidator vault takes every position and the margin (Hyperliquid docs, Liquidations)'
      : 'closed by market orders at the mark (positions over $100k by 20% first), the rest of the equity kept; slippage and fees not modelled',
} as const

/**
 * Hyperliquid's margin rules as xmargin reproduces them (DOMAIN.md, Hyperliquid
 * docs "Margining" and "Liquidations"):
 * - `current`: maintenance margin rate = 1 / (2 · max leverage) per asset, so
 *   maintenance moves with the mark (an asset with a tiered margin table uses
 *   its tier's rate less the tier's deduction: docs "Margin tiers"); liquidation price
 *   P − side · available / |size| / (1 − l · side), l the maintenance rate.
 * - `legacy-2023`: responses from before `maxLeverage` existed: maintenance
 *   held at 1% of the account's current total notional, and
 *   P − side · available / |size| (no (1 − l·side) term).
 */
export type HyperliquidRule = 'current' | 'legacy-2023'

/** The inputs of one Hyperliquid margin account (cross, or one isolated position), decoded from the API. USD and base units. */
export type HyperliquidAccountInput = {
  readonly marginMode: 'CROSS' | 'ISOLATED'
  /** Cross: crossMarginSummary.totalRawUsd; isolated: the position's leverage.rawUsd. */
  readonly rawUsd: number
  readonly positions: readonly {
    readonly coin: string
    readonly exposure: AssetExposure
    readonly sizeSigned: number
    /** positionValue / |size|: the mark the venue valued the position at. */
    readonly markPrice: number
    readonly maxLeverage: number | null
    readonly leverage: number
    /** The asset's margin table (notional bound USD, max leverage), when it has several tiers. */
    readonly marginTiers?: readonly { readonly lowerBoundUsd: number; readonly maxLeverage: number }[]
  }[]
}

/**
 * Builds the linear perp account for a Hyperliquid margin account under a
 * rule. @throws RangeError when the current rule lacks a max leverage (the
 * caller fills it from `meta`).
 */
export function toHyperliquidPerpAccount(input: HyperliquidAccountInput, rule: HyperliquidRule): PerpAccount {
  const positions = input.positions.map((p) => {
    if (rule === 'current' && (p.maxLeverage === null || p.maxLeverage <= 0)) {
      throw new RangeError(`no max leverage for ${p.coin}`)
    }
    const mmr = rule === 'current' ? 1 / (2 * p.maxLeverage!) : LEGACY_MAINTENANCE_RATE
    const tiers = rule === 'current' && p.marginTiers && p.marginTiers.length > 1 ? maintenanceTiers(p.marginTiers) : undefined
    return {
      market: p.coin,
      exposure: p.exposure,
      sizeSigned: p.sizeSigned,
      markPrice: p.markPrice,
      ...(tiers ? { maintenanceTiers: tiers } : {}),
      maintenanceMarginRate: mmr,
      // initial margin at the position's own leverage
      initialMarginRate: p.leverage > 0 ? 1 / p.leverage : null,
    }
  })
  const account: PerpAccount = { cashUsd: input.rawUsd, positions }
  if (rule === 'legacy-2023') {
    const notional = positions.reduce((s, p) => s + Math.abs(p.sizeSigned) * p.markPrice, 0)
    return { ...account, maintenanceFixedUsd: notional * LEGACY_MAINTENANCE_RATE }
  }
  return account
}

/** The 2023 rule's maintenance rate: 1% of total notional. */
export const LEGACY_MAINTENANCE_RATE = 0.01
