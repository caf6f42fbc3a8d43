import type { Address } from 'viem'

/**
 * Morpho Blue specifics of a market position. Oracle prices are one
 * collateral unit in loan units scaled 1e36; LLTV and LIF are WAD.
 */
export type MorphoBlueVenueDetails = {
  readonly marketId: `0x${string}`
  readonly loanToken: Address
  readonly collateralToken: Address
  readonly oracle: Address
  readonly irm: Address
  readonly lltvWad: bigint
  /** min(1.15, 1/(1 − 0.3·(1 − LLTV))), WAD (Morpho.liquidate). */
  readonly liquidationIncentiveFactorWad: bigint
  readonly oraclePrice: bigint
  /** Oracle price (1e36) at which the position reaches its threshold: mulDivUp(borrowed, 1e36, collateral.wMulDown(LLTV)); null without debt. */
  readonly oracleLiquidationPrice: bigint | null
  /** The IRM's borrow rate at the block, per second, WAD. */
  readonly borrowRatePerSecondWad: bigint
  /** Borrowed assets including interest accrued to the block (loan token units). */
  readonly borrowAssets: bigint
  /** The collateral valued at the market's oracle, loan token units: collateral·price/1e36 rounded down (Morpho._isHealthy). */
  readonly collateralValue: bigint
  /** The market's stored lastUpdate (unix seconds): totals were accrued up to then on chain. */
  readonly lastUpdate: bigint
  /** Whether liquidation prices follow the oracle's own arithmetic to the unit (a feed-ratio oracle) or only its price ratio. */
  readonly oracleModeledExactly: boolean
}


declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    MORPHO_BLUE: MorphoBlueVenueDetails
  }
}
