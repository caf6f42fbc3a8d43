import { factorsOf } from '../../domain/riskFactor.js'
import type { AvailableVenue, NoLiquidationPriceReason, PerpVenueDetails, Protocol, VenueDetails, VenueDetailsByProtocol, VenuePosition, VenueSource } from '../../domain/venue.js'
import type { VenueEvaluation, VenueModel } from '../venueModel.js'
import { moveMultiplier, type PriceMoves } from '../shock.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { kernelLeg, type VenueKernel } from '../kernel/venueKernel.js'
import type { VenueLiquidation } from '../../domain/stress.js'
import type { VenueAction } from '../../domain/simulation.js'
import { liquidatePerpAccount, type PerpLiquidationRule } from './perpLiquidation.js'
import {
  perpEquity,
  perpInitialMargin,
  perpLiquidationPrice,
  perpMaintenance,
  perpMarginRatio,
  perpUniformMove,
  toHealthWad,
  type PerpAccount,
} from './perpAccount.js'

/** The protocols whose venue details are (or, for some of their venues, include) a perp account's figures. */
export type PerpProtocol = { [P in Protocol]: [Extract<VenueDetailsByProtocol[P], { readonly perp: PerpVenueDetails }>] extends [never] ? never : P }[Protocol]

/** What a perp adapter knows about one venue besides the account model. */
export type PerpVenueInput = {
  readonly id: string
  readonly protocol: PerpProtocol
  /** EVM chain id of a venue on a chain; null for one read over an API. */
  readonly chainId: number | null
  readonly account: `0x${string}`
  /** Venue-level identifier shown as `market` (the API endpoint's host, or a contract). */
  readonly market: `0x${string}`
  readonly protocolVersion: string
  readonly source: VenueSource
  readonly account_: PerpAccount
  /** Per position, what the venue itself reports (kept, never overwritten). */
  readonly reported: readonly {
    readonly market: string
    readonly entryPrice: number | null
    readonly unrealizedPnlUsd: number
    readonly leverage: number | null
    readonly maxLeverage: number | null
    readonly venueLiquidationPrice: number | null
  }[]
  /**
   * How the venue liquidates (its rule and parameters), and what a
   * liquidation's figures assume, said per outcome (`backstop`: the equity
   * fell below the backstop ratio).
   */
  readonly liquidation: { readonly rule: PerpLiquidationRule; note(backstop: boolean): string }
  /** Settlement asset of the margin (USDC), as the cash line. */
  readonly cashAsset: { readonly symbol: string; readonly address: `0x${string}` }
  readonly details: Omit<PerpVenueDetails, 'maintenanceMarginUsd' | 'initialMarginUsd' | 'accountValueUsd'>
  /** What the protocol's details add beside the perp figures (e.g. the account's mode), merged into the venue's details. */
  readonly protocolDetails?: Readonly<Record<string, unknown>>
  /**
   * Set where the venue's liquidation rule for this account is not
   * reproduced: every factor's liquidation price is this gap instead of the
   * closed form, and no view claims a liquidation by the standard rule: under
   * moves the account's equity is revalued but it is never liquidatable (no
   * uniform move, stress scenario or Monte Carlo path liquidates it; its
   * kernel is not exact, so Monte Carlo lists it as approximated). Its current
   * health stays the ratio of the figures read.
   */
  readonly liquidationPriceGap?: NoLiquidationPriceReason
  readonly formula: string
}

const USD_E8 = 10n ** 8n

/**
 * Normalizes a linear perp account into the margin model: each position a
 * PERP line (signed notional to its risk factor), the rest of the equity a
 * cash line in the settlement asset; maintenance margin Σ |notional|·mmr;
 * health = margin ratio (equity / maintenance); liquidation prices by the
 * closed form (perpAccount.ts), in both directions as the positions' sides
 * dictate.
 */
export function toPerpVenueModel(input: PerpVenueInput): VenueModel {
  const a = input.account_
  const venue = toPerpVenue(input, [...a.positions.map((p, i) => toPerpLine(input, p, i)), toCashLine(input)])
  if (input.liquidationPriceGap) return unmodelledLiquidation(input, venue)
  return {
    venue,
    kernel: toPerpKernel(input),
    liquidationUnderUniformMove: (f, direction) => perpUniformMove(a, f, direction),
    simulate: (moves, actions) => simulatePerpAccount(input, moves, actions),
    liquidate: (moves) => liquidatePerpVenue(input, moves),
    evaluate: (moves) => evaluatePerpAccount(a, moves),
  }
}

/**
 * A venue whose liquidation rule is not reproduced (`liquidationPriceGap`):
 * positions revalue its equity under moves, nothing liquidates it. The kernel
 * carries each position as a supply leg of its signed notional (equity only,
 * no maintenance), so the scenario loop and Monte Carlo never liquidate it.
 */
function unmodelledLiquidation(input: PerpVenueInput, venue: AvailableVenue): VenueModel {
  const a = input.account_
  return {
    venue,
    kernel: {
      venueId: input.id,
      health: { kind: 'margin' },
      legs: a.positions.map((p) => kernelLeg({ exposure: p.exposure, role: 'supply', equityUsd: p.sizeSigned * p.markPrice, valueUsd: Math.abs(p.sizeSigned) * p.markPrice })),
      constantEquityUsd: a.cashUsd,
      fixedMaintenanceUsd: null,
      liquidation: input.liquidation.rule,
      exactHealth: false,
    },
    liquidationUnderUniformMove: () => ({ kind: 'none' }),
    simulate: (moves, actions) => simulatePerpAccount(input, moves, actions),
    liquidate: () => ({ venueId: input.id, steps: [], costUsd: 0, exact: false, note: `no liquidation modelled: the venue's rule for this account is not reproduced (${input.liquidationPriceGap})` }),
    evaluate: (moves) => ({ healthFactor: null, liquidatable: false, equityUsd: perpEquity(a, (p) => moveMultiplier(p.exposure, moves)) }),
  }
}

/** One position of a perp account (signed size, mark in USD, margin rates). */
type PerpPosition = PerpAccount['positions'][number]

/** A position's PERP line: size in base units (amount at 1e8), notional at the mark in USD, what the venue reports kept beside it. */
function toPerpLine(input: PerpVenueInput, p: PerpPosition, i: number): VenuePosition {
  const r = input.reported[i]!
  const notional = p.sizeSigned * p.markPrice
  return {
    asset: { symbol: p.market, address: input.market, decimals: 8, exposure: p.exposure },
    side: 'PERP',
    amount: BigInt(Math.round(Math.abs(p.sizeSigned) * 1e8)),
    amountFloat: Math.abs(p.sizeSigned),
    valueUsd: Math.abs(notional),
    price: { priceE8: BigInt(Math.round(p.markPrice * 1e8)), priceUsd: p.markPrice, oracle: input.market, feed: null, updatedAt: null, heartbeatSeconds: null, ageSeconds: null, stale: false },
    maintenanceWeight: 1 - p.maintenanceMarginRate,
    initialWeight: p.initialMarginRate === null ? 1 - p.maintenanceMarginRate : 1 - p.initialMarginRate,
    liquidationBonus: null,
    variableDebt: null,
    stableDebt: null,
    perp: {
      market: p.market,
      sizeSigned: p.sizeSigned,
      entryPrice: r.entryPrice,
      markPrice: p.markPrice,
      notionalSignedUsd: notional,
      unrealizedPnlUsd: r.unrealizedPnlUsd,
      marginMode: input.details.marginMode,
      leverage: r.leverage,
      maxLeverage: r.maxLeverage,
      maintenanceMarginRate: p.maintenanceMarginRate,
      initialMarginRate: p.initialMarginRate,
      venueLiquidationPrice: r.venueLiquidationPrice,
    },
  }
}

/** The margin held outside the positions' marks as a line in the settlement asset (amount at 1e6, USD): collateral, or debt when negative (longs bought on margin). */
function toCashLine(input: PerpVenueInput): VenuePosition {
  const cashUsd = input.account_.cashUsd
  return {
    asset: { symbol: input.cashAsset.symbol, address: input.cashAsset.address, decimals: 6, exposure: { base: input.cashAsset.symbol } },
    side: cashUsd >= 0 ? 'COLLATERAL' : 'DEBT',
    amount: BigInt(Math.round(Math.abs(cashUsd) * 1e6)),
    amountFloat: Math.abs(cashUsd),
    valueUsd: Math.abs(cashUsd),
    price: { priceE8: USD_E8, priceUsd: 1, oracle: input.market, feed: null, updatedAt: null, heartbeatSeconds: null, ageSeconds: null, stale: false },
    maintenanceWeight: 1,
    initialWeight: 1,
    liquidationBonus: null,
    variableDebt: null,
    stableDebt: null,
    perp: null,
  }
}

/** The venue: health = margin ratio (WAD and float), margin figures in USD with the account value as equity, liquidation price per factor by the closed form. */
function toPerpVenue(input: PerpVenueInput, positions: VenuePosition[]): AvailableVenue {
  const a = input.account_
  const equity = perpEquity(a)
  const mm = perpMaintenance(a)
  const im = perpInitialMargin(a)
  const ratio = perpMarginRatio(a)
  const factors = [...new Set(a.positions.flatMap((p) => factorsOf(p.exposure)))].sort()
  return {
    status: 'available',
    id: input.id,
    protocol: input.protocol,
    chainId: input.chainId,
    account: input.account,
    market: input.market,
    protocolVersion: input.protocolVersion,
    block: null,
    source: input.source,
    positions,
    health: ratio === null ? { kind: 'noDebt' } : { kind: 'ok', healthFactorWad: toHealthWad(ratio), healthFactor: ratio, liquidatable: equity < mm },
    margin: {
      collateralUsd: equity,
      debtUsd: 0,
      equityUsd: equity,
      weightedCollateralUsd: equity - mm,
      maintenanceMarginUsd: mm,
      initialMarginUsd: im ?? mm,
      // USD 1e8, from the account value
      totalCollateralBase: BigInt(Math.round(equity * 1e8)),
      totalDebtBase: 0n,
      avgLiquidationThresholdBps: 0n,
      avgLtvBps: 0n,
    },
    liquidationPrices:
      a.positions.length === 0 ? [] : factors.map((f) => (input.liquidationPriceGap ? { kind: 'none' as const, riskFactor: f, reason: input.liquidationPriceGap } : perpLiquidationPrice(a, f))),
    formula: input.formula,
    // every perps protocol's details are its account figures (PerpProtocol)
    details: { ...input.protocolDetails, protocol: input.protocol, perp: { ...input.details, accountValueUsd: equity, maintenanceMarginUsd: mm, initialMarginUsd: im } } as VenueDetails,
    stalePrices: [],
    closeFactor: 1,
    liquidationBlocked: false,
    timeToLiquidationSeconds: null,
  }
}

/** The float kernel (USD): one perp leg per position with its maintenance rate (and tiers), the cash as constant equity, the venue's liquidation rule. */
function toPerpKernel(input: PerpVenueInput): VenueKernel {
  const a = input.account_
  return {
    venueId: input.id,
    health: { kind: 'margin' },
    legs: a.positions.map((p) =>
      kernelLeg({
        exposure: p.exposure,
        role: 'perp',
        equityUsd: p.sizeSigned * p.markPrice,
        valueUsd: Math.abs(p.sizeSigned) * p.markPrice,
        threshold: p.maintenanceMarginRate,
        ...(p.maintenanceTiers ? { tiers: p.maintenanceTiers } : {}),
      }),
    ),
    constantEquityUsd: a.cashUsd,
    fixedMaintenanceUsd: a.maintenanceFixedUsd ?? null,
    liquidation: input.liquidation.rule,
    exactHealth: true,
  }
}

/**
 * The venue rebuilt with each position's mark moved by its factors' multiplier.
 * @throws InvalidArgumentError for any what-if action.
 */
function simulatePerpAccount(input: PerpVenueInput, moves: PriceMoves, actions: readonly VenueAction[]): { model: VenueModel; warnings: string[] } {
  const a = input.account_
  if (actions.length > 0) throw new InvalidArgumentError('actions', `${input.id}: what-if actions on perps venues are not supported yet.`)
  const moved = { ...a, positions: a.positions.map((p) => ({ ...p, markPrice: p.markPrice * moveMultiplier(p.exposure, moves) })) }
  return { model: toPerpVenueModel({ ...input, account_: moved }), warnings: [] }
}

/** The venue's liquidation under moves by its rule (liquidatePerpAccount): one step per position closed, with its share and cost in USD. */
function liquidatePerpVenue(input: PerpVenueInput, moves: PriceMoves): VenueLiquidation {
  const a = input.account_
  const move = (p: PerpPosition) => moveMultiplier(p.exposure, moves)
  const r = liquidatePerpAccount(a, move, input.liquidation.rule)
  if (r.fills.length === 0) return { venueId: input.id, steps: [], costUsd: 0, exact: false, note: null }
  return {
    venueId: input.id,
    steps: r.fills.map((f, i) => ({
      debtAsset: input.cashAsset.symbol,
      debtRepaid: 0,
      debtRepaidUsd: 0,
      collateralAsset: f.market,
      collateralSeized: Math.abs(a.positions[i]!.sizeSigned) * f.share,
      collateralSeizedUsd: f.notionalUsd,
      costUsd: f.costUsd,
      closeFactor: f.share,
      healthFactorAfter: null,
    })),
    costUsd: r.costUsd,
    exact: false,
    note: input.liquidation.note(r.backstop),
  }
}

/** The account at moved marks: margin ratio (null without maintenance), liquidatable when equity < maintenance, equity in USD. */
function evaluatePerpAccount(a: PerpAccount, moves: PriceMoves): VenueEvaluation {
  const move = (p: PerpPosition) => moveMultiplier(p.exposure, moves)
  const e = perpEquity(a, move)
  const m = perpMaintenance(a, move)
  return { healthFactor: m > 0 ? e / m : null, liquidatable: a.positions.length > 0 && e < m, equityUsd: e }
}

/** A venue's perp account figures when it is a perps venue (its details carry them), else null. */
export function perpDetailsOf(venue: Pick<AvailableVenue, 'details'>): PerpVenueDetails | null {
  return 'perp' in venue.details ? venue.details.perp : null
}
