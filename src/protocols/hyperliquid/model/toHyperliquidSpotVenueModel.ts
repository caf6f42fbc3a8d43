import type { Address } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { AvailableVenue, VenueDetails, VenuePosition, VenueSource } from '../../../domain/venue.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { kernelLeg } from '../../../risk/kernel/venueKernel.js'
import { moveMultiplier, type PriceMoves } from '../../../risk/shock.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { SpotClearinghouseState } from '../read/hyperliquidSchemas.js'
import type { HyperliquidAccountDetails, HyperliquidUnpricedBalance } from './details.js'
import { spotBacksPerpMargin, type HyperliquidAccountMode } from './hyperliquidAccountMode.js'
import { HYPERLIQUID_LIQUIDATION } from './hyperliquidAccount.js'

/** The spot venue's id: one per owner. */
export const hyperliquidSpotVenueId = (owner: string) => `hyperliquid:spot:${owner}`

/**
 * Hyperliquid's bridged spot tokens and the factor each moves with: Unit's
 * UBTC/UETH/USOL are BTC/ETH/SOL, USDT0 is USDT; USDH (Native Markets) and
 * USDE are stablecoins of their own issuers (own factors). Others map by
 * symbol (HYPE → HYPE). Source: the tokens as spotClearinghouseState names
 * them (recording spotClearinghouseState_HYPE_UETH_USOL_USDH.json).
 */
const SPOT_EXPOSURES: Readonly<Record<string, AssetExposure>> = {
  UBTC: { base: 'BTC' },
  UETH: { base: 'ETH' },
  USOL: { base: 'SOL' },
  USDT0: { base: 'USDT' },
}

/** A spot token's (or a HIP-3 perp's underlying's) risk factor: `flx:CRCL` moves with CRCL. */
export function hyperliquidExposureOf(coin: string): AssetExposure {
  const name = coin.includes(':') ? coin.slice(coin.indexOf(':') + 1) : coin
  return SPOT_EXPOSURES[name] ?? exposureOfSymbol(name)
}

/**
 * The venue's spot prices in USDC per token, by token index: USDC (token 0,
 * the spot quote) at 1, each other token at the mark of its `<token>/USDC`
 * pair where the caller has the pair's context. Missing tokens are unpriced.
 */
export type HyperliquidSpotPrices = ReadonlyMap<number, number>

/** Spot held apart from perps (no liquidation rule applies), USD at the venue's spot marks. */
type SpotLine = {
  readonly coin: string
  readonly token: number
  readonly total: number
  readonly priceUsd: number
  readonly exposure: AssetExposure
}

/**
 * The spot balances as a venue (pure): each priced balance a SUPPLY line at
 * the venue's spot mark (USDC at 1), which enters the exposures, the
 * one-account lens and stress; balances without a price are listed in the
 * details' `unpricedBalances`, never dropped. Spot has no debt here and no
 * liquidation rule of its own: health is `noDebt`. In a standard account spot
 * does not back perps margin, and the details say so.
 * @param prices USDC per token by token index (token 0, USDC, is priced at 1 whatever is passed).
 * Source: Hyperliquid docs, Info endpoint → Spot.
 */
export function toHyperliquidSpotVenueModel(owner: Address, spot: SpotClearinghouseState, prices: HyperliquidSpotPrices, mode: HyperliquidAccountMode, source: VenueSource): VenueModel | null {
  const held = spot.balances.filter((b) => b.total !== 0)
  if (held.length === 0) return null
  const lines: SpotLine[] = []
  const unpriced: HyperliquidUnpricedBalance[] = []
  for (const b of held) {
    const priceUsd = b.token === 0 ? 1 : prices.get(b.token)
    if (priceUsd === undefined) unpriced.push({ coin: b.coin, token: b.token, total: b.total })
    else
      lines.push({
        coin: b.coin,
        token: b.token,
        total: b.total,
        priceUsd,
        exposure: hyperliquidExposureOf(b.coin),
      })
  }
  const backs = spotBacksPerpMargin(mode)
  const details: HyperliquidAccountDetails = {
    accountMode: mode,
    dex: null,
    collateralToken: 'USDC',
    collateralPriceUsd: 1,
    spotBacksPerpMargin: backs,
    unpricedBalances: unpriced,
    notes: [
      backs === false
        ? 'standard account: spot balances do not back perps margin; they count in exposures, the one-account lens and stress'
        : backs === true
          ? 'unified or portfolio-margin account: spot balances are the perps collateral'
          : 'account mode unknown (userAbstraction not answered): spot is shown apart from perps margin',
      ...(unpriced.length > 0 ? [`no spot price for ${unpriced.map((u) => u.coin).join(', ')}: listed in unpricedBalances, left out of USD totals`] : []),
    ],
  }
  return spotModel(owner, lines, details, source)
}

/** The model of spot lines at given prices: value Σ total·price, no maintenance, never liquidatable. */
function spotModel(owner: Address, lines: readonly SpotLine[], details: HyperliquidAccountDetails, source: VenueSource): VenueModel {
  const id = hyperliquidSpotVenueId(owner)
  const valueUsd = lines.reduce((s, l) => s + l.total * l.priceUsd, 0)
  const venue: AvailableVenue = {
    status: 'available',
    id,
    protocol: 'HYPERLIQUID',
    chainId: null,
    account: owner,
    market: SPOT_MARKET,
    protocolVersion: 'spot',
    block: null,
    source,
    positions: lines.map(toSpotPosition),
    health: { kind: 'noDebt' },
    margin: {
      collateralUsd: valueUsd,
      debtUsd: 0,
      equityUsd: valueUsd,
      // spot is not margin: nothing is required of it
      weightedCollateralUsd: valueUsd,
      maintenanceMarginUsd: 0,
      initialMarginUsd: 0,
      totalCollateralBase: BigInt(Math.round(valueUsd * 1e8)),
      totalDebtBase: 0n,
      avgLiquidationThresholdBps: 0n,
      avgLtvBps: 0n,
    },
    liquidationPrices: [...new Set(lines.map((l) => l.exposure.base))].sort().map((f) => ({ kind: 'none', riskFactor: f, reason: 'NO_DEBT' })),
    formula: 'Hyperliquid spot: Σ total · spot mark (USDC); no margin rule applies to spot in a standard account',
    details: {
      protocol: 'HYPERLIQUID',
      hyperliquid: details,
    } satisfies VenueDetails,
    stalePrices: [],
    closeFactor: 1,
    liquidationBlocked: false,
    timeToLiquidationSeconds: null,
  }
  return {
    venue,
    kernel: {
      venueId: id,
      health: { kind: 'margin' },
      legs: lines.map((l) =>
        kernelLeg({
          exposure: l.exposure,
          role: 'supply',
          equityUsd: l.total * l.priceUsd,
          valueUsd: l.total * l.priceUsd,
        }),
      ),
      constantEquityUsd: 0,
      fixedMaintenanceUsd: null,
      liquidation: HYPERLIQUID_LIQUIDATION.rule,
      exactHealth: true,
    },
    liquidationUnderUniformMove: () => ({ kind: 'none' }),
    evaluate: (moves) => ({
      healthFactor: null,
      liquidatable: false,
      equityUsd: lines.reduce((s, l) => s + l.total * l.priceUsd * moveMultiplier(l.exposure, moves), 0),
    }),
    liquidate: () => ({
      venueId: id,
      steps: [],
      costUsd: 0,
      exact: true,
      note: null,
    }),
    simulate: (moves: PriceMoves, actions) => {
      if (actions.length > 0) throw new InvalidArgumentError('actions', `${id}: what-if actions on Hyperliquid spot are not supported.`)
      return {
        model: spotModel(
          owner,
          lines.map((l) => ({
            ...l,
            priceUsd: l.priceUsd * moveMultiplier(l.exposure, moves),
          })),
          details,
          source,
        ),
        warnings: [],
      }
    },
  }
}

/** The label of the spot venue and its price source (an API venue has no contract). */
const SPOT_MARKET: Address = '0x0000000000000000000000000000000000000000'

/** A balance as a SUPPLY line: amount at 1e8 token units, value at the spot mark (USD). */
function toSpotPosition(l: SpotLine): VenuePosition {
  const valueUsd = l.total * l.priceUsd
  return {
    asset: {
      symbol: l.coin,
      address: SPOT_MARKET,
      decimals: 8,
      exposure: l.exposure,
    },
    side: 'SUPPLY',
    amount: BigInt(Math.round(l.total * 1e8)),
    amountFloat: l.total,
    valueUsd,
    price: {
      priceE8: BigInt(Math.round(l.priceUsd * 1e8)),
      priceUsd: l.priceUsd,
      oracle: SPOT_MARKET,
      feed: null,
      updatedAt: null,
      heartbeatSeconds: null,
      ageSeconds: null,
      stale: false,
    },
    // spot backs no margin in a standard account: the one-account lens applies its own table
    maintenanceWeight: 0,
    initialWeight: 0,
    liquidationBonus: null,
    variableDebt: null,
    stableDebt: null,
    perp: null,
  }
}

/**
 * USDC per token index from `spotMetaAndAssetCtxs`: each `<token>/USDC`
 * pair's markPx (pairs quoted in another token are not used).
 */
export function toHyperliquidSpotPrices(
  meta: {
    tokens: readonly { name: string; index: number }[]
    universe: readonly { tokens: readonly [number, number]; index: number }[]
  },
  ctxs: readonly { markPx: number }[],
): Map<number, number> {
  const prices = new Map<number, number>([[0, 1]])
  meta.universe.forEach((pair, i) => {
    const ctx = ctxs[i]
    if (pair.tokens[1] === 0 && ctx && ctx.markPx > 0 && !prices.has(pair.tokens[0])) prices.set(pair.tokens[0], ctx.markPx)
  })
  return prices
}
