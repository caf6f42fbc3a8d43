import type { XmarginErrorCode } from '../errors/publicCode.js'
import type { Address } from 'viem'
import type { AssetExposure, RiskFactorId } from './riskFactor.js'

/**
 * What each protocol adds to an available venue, by its public `Protocol`
 * value. Each protocol declares its own member from its folder (declaration
 * merging), so this file names none:
 *
 *     declare module '../../domain/venue.js' {
 *       interface VenueDetailsByProtocol { MY_PROTOCOL: MyVenueDetails }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each protocol's declaration
export interface VenueDetailsByProtocol {}

/** Protocols xmargin reads: the public `Protocol` values the protocols declared. */
export type Protocol = keyof VenueDetailsByProtocol & string

/** A venue's protocol-specific details: one member per protocol, told apart by `protocol`. */
export type VenueDetails = { readonly [P in Protocol]: { readonly protocol: P } & VenueDetailsByProtocol[P] }[Protocol]

/** The block a chain was read at. `timestamp` in unix seconds. */
export type BlockRef = {
  readonly chainId: number
  readonly blockNumber: bigint
  readonly blockHash: `0x${string}` | null
  readonly timestamp: bigint
}

/** A token as a venue lists it. */
export type AssetRef = {
  readonly symbol: string
  readonly address: Address
  readonly decimals: number
  readonly exposure: AssetExposure
}

/**
 * A price a venue liquidates on. `priceE8` is the value the venue's oracle
 * returned (Aave: USD with 8 decimals); `updatedAt` the feed's own update time
 * (unix seconds), null if the feed does not report one.
 */
export type OraclePrice = {
  readonly priceE8: bigint
  readonly priceUsd: number
  /** Contract the price came from (Aave: the AaveOracle; `feed` the Chainlink-style source behind it). */
  readonly oracle: Address
  readonly feed: Address | null
  readonly updatedAt: bigint | null
  /** The feed's heartbeat, seconds; null when unknown. */
  readonly heartbeatSeconds: number | null
  /** Block timestamp − updatedAt, seconds; null when the feed reports no update time. */
  readonly ageSeconds: number | null
  /** Older than its heartbeat at the read block. */
  readonly stale: boolean
}

/**
 * One asset line of a venue. Amounts are token units (bigint) including
 * interest accrued to the read block's timestamp. `maintenanceWeight` and
 * `initialWeight` are fractions (Aave: liquidation threshold and LTV / 1e4,
 * with the user's eMode category applied); debt lines have weight 1.
 */
export type VenuePosition = {
  readonly asset: AssetRef
  /** PERP: a perpetual position; `perp` holds its size and sign, `valueUsd` its |notional|. */
  readonly side: 'COLLATERAL' | 'SUPPLY' | 'DEBT' | 'PERP'
  readonly amount: bigint
  readonly amountFloat: number
  readonly valueUsd: number
  readonly price: OraclePrice
  readonly maintenanceWeight: number
  readonly initialWeight: number
  /**
   * Collateral and supply lines: the liquidation bonus a liquidator receives
   * on this collateral, as a fraction (Aave: liquidationBonus / 1e4 − 1, eMode
   * applied; 0.05 = 5%). Null for debt lines.
   */
  readonly liquidationBonus: number | null
  /** Aave: the debt split; null for supply lines. Token units. */
  readonly variableDebt: bigint | null
  readonly stableDebt: bigint | null
  /** Perp lines only: size, prices, PnL and margin rates; null otherwise. */
  readonly perp: PerpPosition | null
}

/**
 * A perpetual position. Sizes in base units of the market (e.g. ETH), signed
 * (+ long, − short); prices and PnL in USD; rates as fractions of notional
 * (maintenance 0.01 = 1%).
 */
export type PerpPosition = {
  readonly market: string
  readonly sizeSigned: number
  readonly entryPrice: number | null
  readonly markPrice: number
  /** sizeSigned · markPrice, USD. */
  readonly notionalSignedUsd: number
  readonly unrealizedPnlUsd: number
  readonly marginMode: 'CROSS' | 'ISOLATED'
  readonly leverage: number | null
  readonly maxLeverage: number | null
  readonly maintenanceMarginRate: number
  readonly initialMarginRate: number | null
  /** The liquidation price the venue itself reports, untouched (null where it says none). */
  readonly venueLiquidationPrice: number | null
}

/** A venue's own health, as its contract computes it. No sentinels. */
export type VenueHealth =
  | { readonly kind: 'noDebt' }
  | {
      readonly kind: 'ok'
      /** Health factor scaled by WAD (1e18), equal to the contract's to the wei. */
      readonly healthFactorWad: bigint
      readonly healthFactor: number
      readonly liquidatable: boolean
    }

/** Why a venue has no liquidation price for a factor. */
export type NoLiquidationPriceReason =
  /** The venue has no debt. */
  | 'NO_DEBT'
  /** Moving this factor does not change the venue's buffer. */
  | 'NOT_EXPOSED'
  /** The venue has no USD price for the factor's reference asset. */
  | 'NO_REFERENCE_PRICE'
  /** The move that liquidates lies outside [−100%, +1000%], or moving this way only helps. */
  | 'OUT_OF_RANGE'
  /** The venue's own rule for this account cannot be reproduced from what it publishes (e.g. an account whose collateral is shared across the venue's markets). */
  | 'RULE_NOT_REPRODUCED'

/**
 * The price of `riskFactor` (others fixed) at which the venue becomes
 * liquidatable. `priceE8` is the value of the factor's reference feed (the
 * feed of `referenceAsset`) in its 1e-8 units, the first one, moving from the
 * current price in the dangerous direction, at which the contract's health
 * factor is below 1; other feeds exposed to the factor move in proportion
 * (floor(feed0 · P / P0)). `changePct` = 100·(P/P0 − 1).
 */
export type LiquidationPrice =
  | {
      readonly kind: 'price'
      readonly riskFactor: RiskFactorId
      readonly referenceAsset: string
      readonly priceE8: bigint
      readonly priceUsd: number
      readonly currentPriceE8: bigint
      readonly changePct: number
      readonly direction: 'DOWN' | 'UP'
      /** True when the venue is liquidatable already at the current price. */
      readonly alreadyLiquidatable: boolean
    }
  | { readonly kind: 'none'; readonly riskFactor: RiskFactorId; readonly reason: NoLiquidationPriceReason }

/**
 * The venue in xmargin's one margin model (DOMAIN.md): USD values at the
 * venue's own oracle; maintenance margin = Σ (1 − w_i) V_i over collateral;
 * initial margin likewise with LTV; equity = collateral − debt.
 */
export type VenueMargin = {
  readonly collateralUsd: number
  readonly debtUsd: number
  readonly equityUsd: number
  /** Σ w_i V_i with maintenance weights (liquidation thresholds). */
  readonly weightedCollateralUsd: number
  readonly maintenanceMarginUsd: number
  readonly initialMarginUsd: number
  /**
   * Collateral and debt as the venue's own arithmetic totals them, USD scaled
   * 1e8 for every venue (a contract's base currency where it has one, e.g.
   * Aave's; perps' account value), for traceability.
   */
  readonly totalCollateralBase: bigint
  readonly totalDebtBase: bigint
  /** The venue's average liquidation threshold and LTV, bps, rounded down as its contract does; 0 where it has none (perps). */
  readonly avgLiquidationThresholdBps: bigint
  readonly avgLtvBps: bigint
}

/**
 * Where a venue's numbers come from. CHAIN: contract reads at `block`; API: a
 * venue's HTTP API (Hyperliquid info, dYdX indexer) at `observedAt`; REPLAY:
 * recorded API bytes replayed (devnet and tests), `recordedAt` the recording's time.
 * Times unix seconds.
 */
export type VenueSource =
  | { readonly kind: 'CHAIN' }
  | { readonly kind: 'API'; readonly endpoint: string; readonly observedAt: bigint }
  | { readonly kind: 'REPLAY'; readonly endpoint: string; readonly observedAt: bigint; readonly recordedAt: bigint | null; readonly recording: string }

/**
 * A perp account's figures as xmargin computes them and as the venue reports
 * them (the venue's own values are kept, never overwritten). USD.
 */
export type PerpVenueDetails = {
  readonly marginMode: 'CROSS' | 'ISOLATED'
  /** Cross: account value; isolated: the position's margin plus its unrealized PnL. Computed from cash and marks. */
  readonly accountValueUsd: number
  /** The account value (equity) the venue reports, or null. */
  readonly venueAccountValueUsd: number | null
  /** Σ |notional| · maintenance rate, computed by xmargin. */
  readonly maintenanceMarginUsd: number
  /** The maintenance margin the venue reports (Hyperliquid crossMaintenanceMarginUsed), or null. */
  readonly venueMaintenanceMarginUsd: number | null
  readonly initialMarginUsd: number | null
  /** Margin the venue reports as used, and withdrawable/free collateral, where it does. */
  readonly venueMarginUsedUsd: number | null
  readonly freeCollateralUsd: number | null
  /** Which documented rule the numbers follow, e.g. `hyperliquid-2024` or `hyperliquid-legacy-2023`. */
  readonly rule: string
}

/** The error a venue (or its whole chain) answers instead of data. `code` is the public error code. */
export type VenueError = { readonly code: XmarginErrorCode; readonly message: string }

/**
 * Fields every venue has. `id` is stable across blocks and unique across
 * owners, chains and venues (`<protocol key>:<chain or venue>:<market>:<account>`).
 */
type VenueBase = {
  readonly id: string
  readonly protocol: Protocol
  /** EVM chain id (EIP-155) of the venue's chain; null for a venue read from an API (it runs on no EVM chain). */
  readonly chainId: number | null
  readonly account: Address
  /** Main contract of the venue (a pool, a market singleton), or the zero address for a venue read from an API. */
  readonly market: Address
  /** Protocol version whose logic the reader reproduces (e.g. `3.0`). */
  readonly protocolVersion: string
}

/** A venue read successfully. */
export type AvailableVenue = VenueBase & {
  readonly status: 'available'
  /** The block read; null for venues read from an API (see `source`). */
  readonly block: BlockRef | null
  readonly source: VenueSource
  readonly positions: readonly VenuePosition[]
  readonly health: VenueHealth
  readonly margin: VenueMargin
  readonly liquidationPrices: readonly LiquidationPrice[]
  /** Which formula the health factor reproduces (contract and function). */
  readonly formula: string
  /** What the venue's protocol adds (see VenueDetailsByProtocol). */
  readonly details: VenueDetails
  /** Symbols whose price is older than its feed's heartbeat at the read block. */
  readonly stalePrices: readonly string[]
  /**
   * Share of one debt position a single liquidation may repay at the current
   * health factor (1 where the protocol has no close factor).
   */
  readonly closeFactor: number
  /** Liquidatable by its health factor, yet the protocol refuses liquidation calls now (e.g. an L2 sequencer gate). */
  readonly liquidationBlocked: boolean
  /**
   * Seconds until interest alone makes the venue liquidatable at current
   * prices (borrow interest on debt, supply interest on collateral, no
   * interaction); 0 when liquidatable already; null when never within 100
   * years or not modelled (perps: funding is not modelled).
   */
  readonly timeToLiquidationSeconds: bigint | null
}

/** A venue whose chain or read failed; the rest of the answer still stands. */
export type UnavailableVenue = VenueBase & {
  readonly status: 'unavailable'
  readonly error: VenueError
}

export type Venue = AvailableVenue | UnavailableVenue
