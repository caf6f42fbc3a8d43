import type { ScanRangeComparison } from '../domain/portfolioMargin.js'
import type { LiquidationPrice } from '../domain/venue.js'

/**
 * Domain shapes the generated resolver types use as parents where a GraphQL
 * type is one variant of a domain union (see codegen.ts `mappers`).
 */

/** A `LiquidationPrice` that exists (GraphQL `LiquidationPrice`). */
export type PriceLiquidationPrice = Extract<LiquidationPrice, { readonly kind: 'price' }>

/** A factor without liquidation price, and why (GraphQL `LiquidationPriceGap`). */
export type NoLiquidationPrice = Extract<LiquidationPrice, { readonly kind: 'none' }>

/** One factor of a scan-range comparison (GraphQL `ScanRangeComparisonEntry`). */
export type ScanRangeComparisonEntry = ScanRangeComparison['factors'][number]
