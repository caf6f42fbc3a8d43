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
  /** Tiered tables by id (ids under 50 are one tier at that leverage and are not listed). */
  marginTables: z
    .array(z.tuple([z.number(), z.object({ description: z.string(), marginTiers: z.array(z.object({ lowerBound: decimal, maxLeverage: z.number().positive() })) })]))
    .optional(),
})
export type HyperliquidMeta = z.output<typeof metaSchema>
