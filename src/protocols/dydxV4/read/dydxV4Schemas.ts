import { z } from 'zod'

/**
 * Responses of the dYdX v4 indexer (docs.dydx.exchange, Indexer API). The
 * indexer sends every decimal as a JSON string; numbers are accepted too.
 * Fields xmargin uses are checked strictly; other fields pass unchecked and
 * are dropped.
 */

/** A decimal as the indexer sends it: a string such as "-0.78841244600000000000001" (or a JSON number). */
const decimal = z
  .union([z.string().regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i), z.number()])
  .transform((v) => Number(v))
  .refine((v) => Number.isFinite(v), 'not a finite number')

/** A margin fraction of notional, in [0, 1]. */
const fraction = decimal.refine((v) => v >= 0 && v <= 1, 'a margin fraction must lie in [0, 1]')

const side = z.enum(['LONG', 'SHORT'])

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]

/**
 * Whether `value` is a dYdX v4 account address: bech32 (BIP-173) with
 * prefix `dydx`, lowercase, 20-byte payload, so `dydx1` followed by 38
 * characters (32 of data, 6 of checksum), 43 in all, with a valid checksum.
 */
export function isDydxV4Address(value: string): boolean {
  if (!/^dydx1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}$/.test(value)) return false
  const hrp = 'dydx'
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...[...value.slice(5)].map((c) => BECH32_CHARSET.indexOf(c))]
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ BECH32_GENERATORS[i]!) >>> 0
  }
  return chk === 1
}

/** One asset position of a subaccount (USDC is the only collateral asset). `size` unsigned; `side` gives the sign. */
export const dydxV4AssetPositionSchema = z.object({
  symbol: z.string().min(1),
  side,
  size: decimal,
})

/** One open perpetual position. `size` is signed by the indexer (negative for shorts); `unrealizedPnl` = size·(oracle − entryPrice). */
export const dydxV4PerpetualPositionSchema = z.object({
  market: z.string().min(1),
  status: z.string(),
  side,
  size: decimal,
  entryPrice: decimal,
  unrealizedPnl: decimal,
})

/** `GET /v4/addresses/{address}/subaccountNumber/{n}`. */
export const dydxV4SubaccountResponseSchema = z.object({
  subaccount: z.object({
    address: z.string().refine(isDydxV4Address, 'not a dYdX v4 address'),
    subaccountNumber: z.number().int().nonnegative(),
    equity: decimal,
    freeCollateral: decimal,
    latestProcessedBlockHeight: z.string().optional(),
    assetPositions: z.record(z.string(), dydxV4AssetPositionSchema),
    openPerpetualPositions: z.record(z.string(), dydxV4PerpetualPositionSchema),
  }),
})

export type DydxV4Subaccount = z.output<typeof dydxV4SubaccountResponseSchema>['subaccount']

/**
 * One market of `GET /v4/perpetualMarkets`. `initialMarginFraction` is the
 * liquidity tier's base IMF and `maintenanceMarginFraction` = base IMF ×
 * maintenance fraction (comlink request-transformer); the open-interest caps
 * are USDC amounts, "0" when the OIMF is disabled.
 */
export const dydxV4PerpetualMarketSchema = z
  .object({
    ticker: z.string().min(1),
    status: z.string(),
    oraclePrice: decimal.refine((v) => v > 0, 'an oracle price must be positive').nullable(),
    initialMarginFraction: fraction,
    maintenanceMarginFraction: fraction,
    marketType: z.string().optional(),
    openInterest: decimal.optional(),
    openInterestLowerCap: decimal.nullish(),
    openInterestUpperCap: decimal.nullish(),
  })
  .refine((m) => m.maintenanceMarginFraction <= m.initialMarginFraction, 'the maintenance margin fraction exceeds the initial one')

export type DydxV4PerpetualMarket = z.output<typeof dydxV4PerpetualMarketSchema>

/**
 * `GET /v4/perpetualMarkets`: markets by ticker. Each market is left
 * unchecked here and parsed with `dydxV4PerpetualMarketSchema` when a
 * position uses it, so one odd market elsewhere does not fail the read.
 */
export const dydxV4PerpetualMarketsResponseSchema = z.object({
  markets: z.record(z.string(), z.unknown()),
})
