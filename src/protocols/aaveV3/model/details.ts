import type { Address } from 'viem'

/**
 * Whether the venue's liquidations may run now, on L2 markets guarded by
 * Aave's PriceOracleSentinel: allowed only when the sequencer is up and the
 * grace period since it came up has passed (PriceOracleSentinel._isUpAndGracePeriodPassed).
 * Times in unix seconds.
 */
export type LiquidationGate = {
  readonly sentinel: Address
  readonly sequencerOracle: Address
  readonly sequencerUp: boolean
  /** When the sequencer feed last changed (came up or went down). */
  readonly sequencerUpdatedAt: bigint
  readonly gracePeriodSeconds: bigint
  readonly liquidationAllowed: boolean
  readonly borrowAllowed: boolean
  /** Why liquidations are held, or null when they are allowed. */
  readonly reason: 'SEQUENCER_DOWN' | 'GRACE_PERIOD' | null
  /** When the grace period ends (sequencer up), else null. */
  readonly allowedFrom: bigint | null
}

/** Aave V3 specifics of an account. Debt ceilings in USD (Aave stores them with 2 decimals). */
export type AaveV3VenueDetails = {
  /** The eMode category the account uses; 0 for none. */
  readonly eModeCategory: number
  readonly eModeLabel: string | null
  /** Set when the account's only collateral is an isolation-mode asset: borrowing is limited to its debt ceiling. Always null on v3.7 (isolation mode removed, docs/3.7/mode-removal.md). */
  readonly isolationMode: { readonly collateral: string; readonly debtCeilingUsd: number; readonly isolationModeTotalDebtUsd: number } | null
  /** The siloed asset the account borrows (it may borrow nothing else), or null. Always null on v3.7 (siloed borrowing removed). */
  readonly siloedBorrowing: string | null
  /** Supply and borrow caps of the reserves the account holds, whole tokens (0 = none). */
  readonly reserveCaps: readonly { readonly symbol: string; readonly supplyCap: bigint; readonly borrowCap: bigint }[]
  /** The sentinel's gate on L2 markets, or null where the market has none (and on v3.7, which removed the PriceOracleSentinel, docs/3.7/sentinel-removal.md). */
  readonly liquidationGate: LiquidationGate | null
}


declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    AAVE_V3: AaveV3VenueDetails
    /** SparkLend runs Aave's Pool: the same details. */
    SPARK: AaveV3VenueDetails
  }
}
