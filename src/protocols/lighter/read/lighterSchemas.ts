import { z } from 'zod'

/**
 * Response shapes of Lighter's REST API (apidocs.lighter.xyz, "account" and
 * "orderBookDetails"; mainnet https://mainnet.zklighter.elliot.ai), as the
 * recordings in ../shared/fixtures/perps/lighter show them. Decimals arrive
 * as strings (`"18.0193"`) and are parsed to floats here, once; margin
 * fractions of markets arrive as integers in units of 1e-4.
 */

/** A decimal string as Lighter sends it (`"2669.84"`, `"-0.5"`), or a JSON number. */
const decimal = z.union([z.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i), z.number()]).transform((v) => Number(v))

/** One position of an account (`DetailedAccount.positions[]`). */
const positionSchema = z.object({
  market_id: z.number().int().nonnegative(),
  symbol: z.string().min(1),
  /** The position's own initial margin fraction, percent (`"5.00"` = 5%, 20×). */
  initial_margin_fraction: decimal,
  /** 1 long, −1 short (0 for an empty position). */
  sign: z.number().int().min(-1).max(1),
  /** Absolute size, base units. */
  position: decimal,
  avg_entry_price: decimal,
  /** |position| · mark price, USD. */
  position_value: decimal,
  unrealized_pnl: decimal,
  /** The venue's own liquidation price, USD; `"0"`, `""` or absent where none (read as 0). */
  liquidation_price: z.union([decimal, z.literal('').transform(() => 0)]).optional(),
  /** 0 cross, 1 isolated. */
  margin_mode: z.union([z.literal(0), z.literal(1)]),
  /** Margin set aside for an isolated position, USD (0 for cross). */
  allocated_margin: decimal.default(0),
})

/** One account (master `account_type` 0 or sub-account 1) of `GET /api/v1/account`. */
const accountSchema = z.object({
  account_type: z.number().int(),
  index: z.number().int().nonnegative(),
  l1_address: z.string(),
  /** Cross collateral, USD (unrealized PnL not included). */
  collateral: decimal,
  available_balance: decimal.optional(),
  positions: z.array(positionSchema),
  /** Spot balances (`balance`, `locked_balance`); not margin: the recorded total asset value leaves them out. */
  assets: z.array(z.object({ symbol: z.string(), asset_id: z.number(), balance: decimal, locked_balance: decimal })).optional(),
  /** collateral + Σ unrealized PnL (+ isolated margin), USD: the venue's account value. */
  total_asset_value: decimal,
  /** The cross part of the account value, USD. */
  cross_asset_value: decimal.optional(),
})

/**
 * `GET /api/v1/account?by=l1_address&value=0x…` (or `by=index`): every
 * account of the L1 address, master and sub-accounts (DetailedAccounts).
 */
export const lighterAccountsResponseSchema = z.object({
  code: z.number().int(),
  total: z.number().int().optional(),
  accounts: z.array(accountSchema),
})

/** Lighter's answer for an L1 address with no account: `{"code": 21100, "message": "account not found"}`. */
export const LIGHTER_ACCOUNT_NOT_FOUND_CODE = 21100
export const lighterErrorSchema = z.object({ code: z.number().int(), message: z.string().optional() })

/** One perp market of `GET /api/v1/orderBookDetails` (its margin fractions in units of 1e-4: 120 = 1.2%). */
const orderBookDetailSchema = z.object({
  symbol: z.string().min(1),
  market_id: z.number().int().nonnegative(),
  default_initial_margin_fraction: z.number().int().positive(),
  min_initial_margin_fraction: z.number().int().positive(),
  maintenance_margin_fraction: z.number().int().positive(),
  closeout_margin_fraction: z.number().int().positive(),
})

/** `GET /api/v1/orderBookDetails`: the perp markets (the 2026 schema adds `spot_order_book_details`, unused here). */
export const lighterOrderBookDetailsSchema = z.object({
  code: z.number().int(),
  order_book_details: z.array(orderBookDetailSchema),
})

export type LighterAccount = z.output<typeof accountSchema>
export type LighterPosition = LighterAccount['positions'][number]
export type LighterMarket = z.output<typeof orderBookDetailSchema>
