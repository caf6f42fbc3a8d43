import type { Address } from 'viem'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { PerpVenueDetails, VenueSource } from '../../../domain/venue.js'
import type { PerpAccountPosition } from '../../../risk/perps/perpAccount.js'
import { toPerpVenueModel, type PerpVenueInput } from '../../../risk/perps/toPerpVenueModel.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { ApiSourceLabel } from '../../../read/apiVenueReader.js'
import type { LighterAccount, LighterPosition } from '../read/lighterSchemas.js'
import { LIGHTER_RULE, lighterLiquidation, toLighterFraction } from './lighterMargin.js'

/** The market label of Lighter venues (read from its API, not a contract), and the cash line's asset address. */
export const LIGHTER_MARKET: Address = '0x0000000000000000000000000000000000000000'

/** Venue ids: an account's cross margin, one isolated position of it, and the owner's whole read (when it fails). */
export const lighterCrossVenueId = (accountIndex: number) => `lighter:${accountIndex}:cross`
export const lighterIsolatedVenueId = (accountIndex: number, symbol: string) => `lighter:${accountIndex}:isolated:${symbol}`
export const lighterOwnerVenueId = (owner: string) => `lighter:${owner}`

const FORMULA =
  'Lighter margining: account value = collateral + Σ unrealized PnL; maintenance = Σ |size|·mark·MMF; liquidation price = P − side·(account value − maintenance)/(|size|·(1 − side·MMF))'

/** What the model takes of a market: its maintenance and close-out fractions (units of 1e-4, as `orderBookDetails` sends them). */
export type LighterMarketMargin = {
  readonly maintenance_margin_fraction: number
  readonly closeout_margin_fraction: number
}

/** The inputs of one read of an owner's accounts. */
export type LighterVenueModelsParameters = {
  readonly owner: Address
  readonly accounts: readonly LighterAccount[]
  /** A market's fractions by `market_id`; the reader throws VenueApiUnavailableError for an unknown one. */
  readonly marketOf: (marketId: number) => LighterMarketMargin
  readonly label: ReturnType<ApiSourceLabel>
  /** Unix seconds. */
  readonly observedAt: bigint
}

/**
 * Venue models of an owner's Lighter accounts (pure), master and
 * sub-accounts alike: each account's cross margin is one venue (when it holds
 * a cross position or collateral), each isolated position (`margin_mode` 1)
 * its own venue on its `allocated_margin`. Marks are position_value / |size|;
 * cash = collateral + Σ (unrealized PnL − size·mark), so equity at the marks
 * is the venue's account value (LIGHTER_RULE). The venue's own figures
 * (total/cross asset value, liquidation prices) are kept beside xmargin's.
 * Isolated positions: the recordings hold none; the cross account's value is
 * taken to exclude their allocated margin and PnL.
 * @throws what `marketOf` throws for a position's market.
 */
export function toLighterVenueModels(p: LighterVenueModelsParameters): VenueModel[] {
  const models: VenueModel[] = []
  for (const account of p.accounts) {
    const open = account.positions.filter((pos) => pos.position !== 0 && pos.sign !== 0)
    const cross = open.filter((pos) => pos.margin_mode === 0)
    if (cross.length > 0 || account.collateral !== 0) {
      models.push(
        toLighterVenueModel(p, {
          id: lighterCrossVenueId(account.index),
          marginUsd: account.collateral,
          positions: cross,
          details: {
            marginMode: 'CROSS',
            venueAccountValueUsd: account.cross_asset_value ?? account.total_asset_value,
            venueMarginUsedUsd: null,
            freeCollateralUsd: account.available_balance ?? null,
          },
          accountIndex: account.index,
        }),
      )
    }
    for (const pos of open.filter((x) => x.margin_mode === 1)) {
      models.push(
        toLighterVenueModel(p, {
          id: lighterIsolatedVenueId(account.index, pos.symbol),
          marginUsd: pos.allocated_margin,
          positions: [pos],
          details: { marginMode: 'ISOLATED', venueAccountValueUsd: null, venueMarginUsedUsd: pos.allocated_margin, freeCollateralUsd: null },
          accountIndex: account.index,
        }),
      )
    }
  }
  return models
}

/** One margin account of a Lighter account: its id, margin (USD, without PnL), positions and the venue's own figures. */
type LighterMarginAccount = {
  readonly id: string
  readonly accountIndex: number
  readonly marginUsd: number
  readonly positions: readonly LighterPosition[]
  readonly details: Pick<PerpVenueDetails, 'marginMode' | 'venueAccountValueUsd' | 'venueMarginUsedUsd' | 'freeCollateralUsd'>
}

/** A Lighter position's signed size, base units (`sign` · |position|). */
export function lighterSignedSize(pos: Pick<LighterPosition, 'sign' | 'position'>): number {
  return pos.sign * Math.abs(pos.position)
}

/** The mark the venue valued a position at, USD: position_value / |position|. */
export function lighterMarkPrice(pos: Pick<LighterPosition, 'position' | 'position_value'>): number {
  return pos.position_value / Math.abs(pos.position)
}

/** One margin account as a perp venue through the shared engine. */
function toLighterVenueModel(p: LighterVenueModelsParameters, a: LighterMarginAccount): VenueModel {
  let closeoutUsd = 0
  let maintenanceUsd = 0
  const positions: PerpAccountPosition[] = a.positions.map((pos) => {
    const market = p.marketOf(pos.market_id)
    const markPrice = lighterMarkPrice(pos)
    const notional = Math.abs(pos.position) * markPrice
    const mmr = toLighterFraction(market.maintenance_margin_fraction)
    maintenanceUsd += notional * mmr
    closeoutUsd += notional * toLighterFraction(market.closeout_margin_fraction)
    return {
      market: pos.symbol,
      exposure: exposureOfSymbol(pos.symbol),
      sizeSigned: lighterSignedSize(pos),
      markPrice,
      maintenanceMarginRate: mmr,
      // the position's own initial margin fraction, sent in percent
      initialMarginRate: pos.initial_margin_fraction > 0 ? pos.initial_margin_fraction / 100 : null,
    }
  })
  // cash = margin + Σ (uPnL − s·mark): equity at the marks is margin + Σ uPnL, the venue's account value
  const cashUsd = a.positions.reduce((s, pos, i) => s + pos.unrealized_pnl - positions[i]!.sizeSigned * positions[i]!.markPrice, a.marginUsd)
  const endpoint = `lighter /api/v1/account (account ${a.accountIndex})`
  const source: VenueSource =
    p.label.kind === 'REPLAY'
      ? { kind: 'REPLAY', endpoint, observedAt: p.observedAt, recordedAt: p.label.recordedAt, recording: p.label.recording }
      : { kind: 'API', endpoint, observedAt: p.observedAt }
  const input: PerpVenueInput = {
    liquidation: lighterLiquidation(maintenanceUsd > 0 ? closeoutUsd / maintenanceUsd : 2 / 3),
    id: a.id,
    protocol: 'LIGHTER',
    chainId: null,
    account: p.owner,
    market: LIGHTER_MARKET,
    protocolVersion: 'v1',
    source,
    account_: { cashUsd, positions },
    reported: a.positions.map((pos) => ({
      market: pos.symbol,
      entryPrice: pos.avg_entry_price,
      unrealizedPnlUsd: pos.unrealized_pnl,
      leverage: pos.initial_margin_fraction > 0 ? 100 / pos.initial_margin_fraction : null,
      maxLeverage: null,
      // Lighter sends "0" (or nothing) where no price liquidates
      venueLiquidationPrice: pos.liquidation_price !== undefined && pos.liquidation_price > 0 ? pos.liquidation_price : null,
    })),
    cashAsset: { symbol: 'USDC', address: LIGHTER_MARKET },
    details: { ...a.details, venueMaintenanceMarginUsd: null, rule: LIGHTER_RULE },
    formula: FORMULA,
  }
  return toPerpVenueModel(input)
}
