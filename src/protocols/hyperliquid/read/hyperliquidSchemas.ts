import { z } from 'zod'

/** A decimal as Hyperliquid sends it: a string (live API) or a number (some clients' recordings). */
const decimal = z.union([z.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i), z.number()]).transform((v) => Number(v))

const summary = z.object({
  accountValue: decimal,
  totalNtlPos: decimal,
  totalRawUsd: decimal,
  totalMarginUsed: decimal,
})

const position = z.object({
  coin: z.string().min(1),
  szi: decimal,
  leverage: z.object({
    type: z.enum(['cross', 'isolated']),
    value: decimal,
    rawUsd: decimal.optional(),
  }),
  entryPx: decimal.nullable().optional(),
  positionValue: decimal,
  unrealizedPnl: decimal,
  liquidationPx: decimal.nullable(),
  marginUsed: decimal,
  /** Absent in responses from before the field existed (2023). */
  maxLeverage: decimal.optional(),
})

/**
 * `POST /info {type: 'clearinghouseState', user}`. Two schemas exist: the
 * current one (positions carry `maxLeverage`, the account
 * `crossMaintenanceMarginUsed`) and the 2023 one without them.
 */
export const clearinghouseStateSchema = z.object({
  marginSummary: summary,
  crossMarginSummary: summary,
  crossMaintenanceMarginUsed: decimal.optional(),
  withdrawable: decimal,
  assetPositions: z.array(z.object({ type: z.string(), position })),
  time: decimal.optional(),
})

export type ClearinghouseState = z.output<typeof clearinghouseStateSchema>
export type HyperliquidPosition = ClearinghouseState['assetPositions'][number]['position']

/** `POST /info {type: 'meta'}`: the perp universe with each asset's max leverage. */
export const metaSchema = z.object({
  universe: z.array(z.object({ name: z.string(), szDecimals: z.number().optional(), maxLeverage: decimal, marginTableId: z.number().optional() })),
  /** A HIP-3 dex's collateral token (spot token index); absent on the main dex's (USDC). */
  collateralToken: z.number().int().optional(),
  /** Tiered tables by id (ids under 50 are one tier at that leverage and are not listed). */
  marginTables: z
    .array(z.tuple([z.number(), z.object({ description: z.string(), marginTiers: z.array(z.object({ lowerBound: decimal, maxLeverage: z.number().positive() })) })]))
    .optional(),
})
export type HyperliquidMeta = z.output<typeof metaSchema>

/**
 * `POST /info {type: 'spotClearinghouseState', user}`: the user's spot
 * balances, token units (`total`, `hold`), `entryNtl` the cost basis in USDC.
 * Token ids are numbers on the live API, strings in some clients' recordings.
 * Source: Hyperliquid docs, Info endpoint → Spot → "Retrieve a user's token
 * balances"; recording spotClearinghouseState_HYPE_UETH_USOL_USDH.json (ccxt).
 */
export const spotClearinghouseStateSchema = z.object({
  balances: z.array(
    z.object({
      coin: z.string().min(1),
      token: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform((v) => Number(v)),
      total: decimal,
      hold: decimal,
      entryNtl: decimal.optional(),
    }),
  ),
})
export type SpotClearinghouseState = z.output<typeof spotClearinghouseStateSchema>

/**
 * `POST /info {type: 'spotMetaAndAssetCtxs'}`: `[spotMeta, ctxs]`, the tokens
 * (index, name), the pairs (name, [base, quote] token indexes) and each
 * pair's context in the universe's order (markPx in the quote token, USDC
 * for the `…/USDC` pairs). Source: Hyperliquid docs, Info endpoint → Spot →
 * "Retrieve spot asset contexts".
 */
export const spotMetaAndAssetCtxsSchema = z.tuple([
  z.object({
    tokens: z.array(z.object({ name: z.string(), index: z.number().int() })),
    universe: z.array(z.object({ name: z.string(), tokens: z.tuple([z.number().int(), z.number().int()]), index: z.number().int() })),
  }),
  z.array(z.object({ coin: z.string().optional(), markPx: decimal })),
])
export type SpotMetaAndAssetCtxs = z.output<typeof spotMetaAndAssetCtxsSchema>

/**
 * `POST /info {type: 'perpDexs'}`: every perp dex, `null` first for the main
 * dex, then each HIP-3 builder-deployed dex by its short `name` (the `dex`
 * parameter of clearinghouseState and meta). Source: Hyperliquid docs, Info
 * endpoint → Perpetuals → "Retrieve all perpetual dexs".
 */
export const perpDexsSchema = z.array(z.object({ name: z.string().min(1), fullName: z.string().optional() }).passthrough().nullable())

/**
 * `POST /info {type: 'userAbstraction', user}`: the account's mode as a bare
 * JSON string. Documented values: `default` and `disabled` (standard: each
 * perp dex and spot keep their own balance), `unifiedAccount` (one balance
 * per asset, held in spot, shared by every dex), `portfolioMargin` (unified,
 * and orders may borrow against eligible spot), `dexAbstraction`
 * (discontinued). Any other string is kept as unknown. Sources: Hyperliquid
 * docs, Info endpoint ("Query a user's abstraction state"); the
 * df-hyperliquid-core crate's `Abstraction` enum (docs.rs).
 */
export const userAbstractionSchema = z.string()
