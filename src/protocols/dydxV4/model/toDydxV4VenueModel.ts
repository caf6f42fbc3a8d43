import type { Address } from 'viem'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { VenueSource } from '../../../domain/venue.js'
import type { PerpAccountPosition } from '../../../risk/perps/perpAccount.js'
import { toPerpVenueModel } from '../../../risk/perps/toPerpVenueModel.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { ApiSourceLabel } from '../../../read/apiVenueReader.js'
import type { DydxV4Subaccount } from '../read/dydxV4Schemas.js'
import { DYDX_V4_LIQUIDATION, dydxV4SignedSize } from './dydxV4Margin.js'

/** xmargin reads subaccount 0, the cross-margin account (isolated markets trade in child subaccounts 128 and up). */
export const DYDX_V4_SUBACCOUNT_NUMBER = 0

/** The market label of dYdX v4 venues (read from the indexer, not a contract), and the cash line's asset address. */
export const DYDX_V4_MARKET: Address = '0x0000000000000000000000000000000000000000'

/** Venue id of a subaccount: `dydx-v4:<dydx1… address>:0`. */
export const dydxV4VenueId = (address: string) => `dydx-v4:${address}:${DYDX_V4_SUBACCOUNT_NUMBER}`

const FORMULA =
  'dYdX v4 Margining: total net collateral = USDC + Σ S·P (oracle); MMR = Σ |S·P·MMF|, liquidatable when total net collateral < Σ MMR; free collateral = equity − Σ |S·P·IMF| (base IMF)'

/** What the model takes of a perpetual market: its oracle price (USD) and margin fractions (maintenance, base initial). */
export type DydxV4MarketMargin = {
  readonly oraclePrice: number
  readonly maintenanceMarginFraction: number
  readonly initialMarginFraction: number
}

/**
 * The venue model of one subaccount (pure): cash = the signed USDC asset
 * position (the indexer has already settled funding into it), each open
 * position marked at its market's oracle price with mmr = MMF and imr = the
 * base IMF. The venue's own `freeCollateral` is kept in the details, never
 * overwritten. Asset positions other than USDC are ignored, as the indexer's
 * own equity ignores them.
 * @param marketOf a market by ticker, asked once per open position in ticker order.
 * @throws what `marketOf` throws (the reader: VenueApiUnavailableError when a position's market is missing or has no usable oracle price).
 */
export function toDydxV4VenueModel(p: {
  owner: Address
  subaccount: DydxV4Subaccount
  marketOf: (ticker: string) => DydxV4MarketMargin
  label: ReturnType<ApiSourceLabel>
  /** Unix seconds. */
  observedAt: bigint
}): VenueModel {
  const sub = p.subaccount
  const usdc = Object.values(sub.assetPositions).find((a) => a.symbol === 'USDC')
  const cashUsd = usdc ? dydxV4SignedSize(usdc.side, usdc.size) : 0
  const open = Object.values(sub.openPerpetualPositions)
    .filter((pos) => pos.size !== 0)
    .sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0))
  const positions: PerpAccountPosition[] = open.map((pos) => {
    const market = p.marketOf(pos.market)
    return {
      market: pos.market,
      exposure: exposureOfSymbol(pos.market.split('-')[0]!),
      sizeSigned: dydxV4SignedSize(pos.side, pos.size),
      markPrice: market.oraclePrice,
      maintenanceMarginRate: market.maintenanceMarginFraction,
      initialMarginRate: market.initialMarginFraction,
    }
  })
  const endpoint = `dydx indexer /v4/addresses/${sub.address}/subaccountNumber/${DYDX_V4_SUBACCOUNT_NUMBER}`
  const source: VenueSource =
    p.label.kind === 'REPLAY'
      ? { kind: 'REPLAY', endpoint, observedAt: p.observedAt, recordedAt: p.label.recordedAt, recording: p.label.recording }
      : { kind: 'API', endpoint, observedAt: p.observedAt }
  return toPerpVenueModel({
    liquidation: DYDX_V4_LIQUIDATION,
    id: dydxV4VenueId(sub.address),
    protocol: 'DYDX_V4',
    chainId: null,
    account: p.owner,
    market: DYDX_V4_MARKET,
    protocolVersion: 'v4',
    source,
    account_: { cashUsd, positions },
    reported: open.map((pos) => ({
      market: pos.market,
      entryPrice: pos.entryPrice,
      unrealizedPnlUsd: pos.unrealizedPnl,
      leverage: null,
      maxLeverage: null,
      venueLiquidationPrice: null,
    })),
    cashAsset: { symbol: 'USDC', address: DYDX_V4_MARKET },
    details: {
      marginMode: 'CROSS',
      venueMaintenanceMarginUsd: null,
      venueMarginUsedUsd: null,
      venueAccountValueUsd: sub.equity,
      freeCollateralUsd: sub.freeCollateral,
      rule: 'dydx-v4',
    },
    formula: FORMULA,
  })
}
