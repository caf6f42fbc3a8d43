import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem'

/**
 * The GMX v2 DataStore keys xmargin reads, derived as gmx-synthetics
 * contracts/data/Keys.sol derives them: a name is keccak256(abi.encode(name))
 * and a per-market or per-token key is keccak256(abi.encode(<name hash>, ...)).
 * They cover what a position's liquidation check needs besides the Reader's
 * PositionInfo (GmxV2MarketState: collateral factors, impact and fee factors,
 * open interest, pool amounts, PnL caps, virtual inventory) and the Chainlink
 * price feed GMX configures per token (ChainlinkPriceFeedUtils.getPriceFeedPrice).
 * Checked against @gmx-io/sdk 1.4.0 configs/dataStore.js in gmxV2Keys.test.ts.
 */

/** keccak256(abi.encode(name)): a Keys.sol constant. */
export function gmxV2KeyName(name: string): Hex {
  return keccak256(encodeAbiParameters([{ type: 'string' }], [name]))
}

/** The Keys.sol constants xmargin uses (each keccak256(abi.encode("<NAME>"))). */
export const GMX_V2_KEY = {
  MIN_COLLATERAL_USD: gmxV2KeyName('MIN_COLLATERAL_USD'),
  MIN_COLLATERAL_FACTOR: gmxV2KeyName('MIN_COLLATERAL_FACTOR'),
  MIN_COLLATERAL_FACTOR_FOR_LIQUIDATION: gmxV2KeyName('MIN_COLLATERAL_FACTOR_FOR_LIQUIDATION'),
  POSITION_FEE_FACTOR: gmxV2KeyName('POSITION_FEE_FACTOR'),
  POSITION_IMPACT_FACTOR: gmxV2KeyName('POSITION_IMPACT_FACTOR'),
  POSITION_IMPACT_EXPONENT_FACTOR: gmxV2KeyName('POSITION_IMPACT_EXPONENT_FACTOR'),
  MAX_POSITION_IMPACT_FACTOR: gmxV2KeyName('MAX_POSITION_IMPACT_FACTOR'),
  MAX_POSITION_IMPACT_FACTOR_FOR_LIQUIDATIONS: gmxV2KeyName('MAX_POSITION_IMPACT_FACTOR_FOR_LIQUIDATIONS'),
  OPEN_INTEREST: gmxV2KeyName('OPEN_INTEREST'),
  OPEN_INTEREST_IN_TOKENS: gmxV2KeyName('OPEN_INTEREST_IN_TOKENS'),
  USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE: gmxV2KeyName('USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE'),
  POOL_AMOUNT: gmxV2KeyName('POOL_AMOUNT'),
  MAX_PNL_FACTOR: gmxV2KeyName('MAX_PNL_FACTOR'),
  MAX_PNL_FACTOR_FOR_TRADERS: gmxV2KeyName('MAX_PNL_FACTOR_FOR_TRADERS'),
  VIRTUAL_TOKEN_ID: gmxV2KeyName('VIRTUAL_TOKEN_ID'),
  VIRTUAL_INVENTORY_FOR_POSITIONS: gmxV2KeyName('VIRTUAL_INVENTORY_FOR_POSITIONS'),
  PRICE_FEED: gmxV2KeyName('PRICE_FEED'),
  PRICE_FEED_MULTIPLIER: gmxV2KeyName('PRICE_FEED_MULTIPLIER'),
  PRICE_FEED_HEARTBEAT_DURATION: gmxV2KeyName('PRICE_FEED_HEARTBEAT_DURATION'),
} as const

const B32 = { type: 'bytes32' } as const
const ADDRESS = { type: 'address' } as const
const BOOL = { type: 'bool' } as const

const withMarket = (name: Hex, market: Address): Hex => keccak256(encodeAbiParameters([B32, ADDRESS], [name, market]))
const withMarketFlag = (name: Hex, market: Address, flag: boolean): Hex =>
  keccak256(encodeAbiParameters([B32, ADDRESS, BOOL], [name, market, flag]))
const withToken = withMarket

/** Keys.MIN_COLLATERAL_USD: one value for every market, USD·1e30. */
export function minCollateralUsdKey(): Hex {
  return GMX_V2_KEY.MIN_COLLATERAL_USD
}

/** Keys.minCollateralFactorKey(market): the factor checked when a position is opened or changed, 1e30. */
export function minCollateralFactorKey(market: Address): Hex {
  return withMarket(GMX_V2_KEY.MIN_COLLATERAL_FACTOR, market)
}

/** Keys.minCollateralFactorForLiquidationKey(market): the factor a keeper's liquidation checks (v2.2), 1e30. */
export function minCollateralFactorForLiquidationKey(market: Address): Hex {
  return withMarket(GMX_V2_KEY.MIN_COLLATERAL_FACTOR_FOR_LIQUIDATION, market)
}

/** Keys.positionFeeFactorKey(market, balanceWasImproved) (the SDK names the flag forPositiveImpact), 1e30. */
export function positionFeeFactorKey(market: Address, balanceWasImproved: boolean): Hex {
  return withMarketFlag(GMX_V2_KEY.POSITION_FEE_FACTOR, market, balanceWasImproved)
}

/** Keys.positionImpactFactorKey(market, isPositive), 1e30. */
export function positionImpactFactorKey(market: Address, isPositive: boolean): Hex {
  return withMarketFlag(GMX_V2_KEY.POSITION_IMPACT_FACTOR, market, isPositive)
}

/** Keys.positionImpactExponentFactorKey(market, isPositive): one exponent per sign since v2.2, 1e30. */
export function positionImpactExponentFactorKey(market: Address, isPositive: boolean): Hex {
  return withMarketFlag(GMX_V2_KEY.POSITION_IMPACT_EXPONENT_FACTOR, market, isPositive)
}

/** Keys.maxPositionImpactFactorKey(market, isPositive): cap of the impact as a fraction of the size, 1e30. */
export function maxPositionImpactFactorKey(market: Address, isPositive: boolean): Hex {
  return withMarketFlag(GMX_V2_KEY.MAX_POSITION_IMPACT_FACTOR, market, isPositive)
}

/** Keys.maxPositionImpactFactorForLiquidationsKey(market): cap of the negative impact the liquidation check counts, 1e30. */
export function maxPositionImpactFactorForLiquidationsKey(market: Address): Hex {
  return withMarket(GMX_V2_KEY.MAX_POSITION_IMPACT_FACTOR_FOR_LIQUIDATIONS, market)
}

/** Keys.openInterestKey(market, collateralToken, isLong): open interest backed by one collateral token, USD·1e30. */
export function openInterestKey(market: Address, collateralToken: Address, isLong: boolean): Hex {
  return keccak256(encodeAbiParameters([B32, ADDRESS, ADDRESS, BOOL], [GMX_V2_KEY.OPEN_INTEREST, market, collateralToken, isLong]))
}

/** Keys.openInterestInTokensKey(market, collateralToken, isLong): the same in index-token units. */
export function openInterestInTokensKey(market: Address, collateralToken: Address, isLong: boolean): Hex {
  return keccak256(encodeAbiParameters([B32, ADDRESS, ADDRESS, BOOL], [GMX_V2_KEY.OPEN_INTEREST_IN_TOKENS, market, collateralToken, isLong]))
}

/** Keys.USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE: a global bool (v2.2). */
export function useOpenInterestInTokensForBalanceKey(): Hex {
  return GMX_V2_KEY.USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE
}

/** Keys.poolAmountKey(market, token): the pool's amount of one of its tokens, token units. */
export function poolAmountKey(market: Address, token: Address): Hex {
  return keccak256(encodeAbiParameters([B32, ADDRESS, ADDRESS], [GMX_V2_KEY.POOL_AMOUNT, market, token]))
}

/** Keys.maxPnlFactorKey(pnlFactorType, market, isLong); xmargin reads it with MAX_PNL_FACTOR_FOR_TRADERS, 1e30. */
export function maxPnlFactorKey(pnlFactorType: Hex, market: Address, isLong: boolean): Hex {
  return keccak256(encodeAbiParameters([B32, B32, ADDRESS, BOOL], [GMX_V2_KEY.MAX_PNL_FACTOR, pnlFactorType, market, isLong]))
}

/** Keys.virtualTokenIdKey(token): the id (bytes32, 0 for none) under which a token's virtual inventory is kept. */
export function virtualTokenIdKey(token: Address): Hex {
  return withToken(GMX_V2_KEY.VIRTUAL_TOKEN_ID, token)
}

/** Keys.virtualInventoryForPositionsKey(virtualTokenId): signed virtual inventory, USD·1e30. */
export function virtualInventoryForPositionsKey(virtualTokenId: Hex): Hex {
  return keccak256(encodeAbiParameters([B32, B32], [GMX_V2_KEY.VIRTUAL_INVENTORY_FOR_POSITIONS, virtualTokenId]))
}

/** Keys.priceFeedKey(token): the Chainlink price feed GMX configures for a token (address 0 for none). */
export function priceFeedKey(token: Address): Hex {
  return withToken(GMX_V2_KEY.PRICE_FEED, token)
}

/**
 * Keys.priceFeedMultiplierKey(token): 10^(60 − feed decimals − token decimals),
 * which turns the feed's answer into USD·1e30 per smallest token unit
 * (answer · multiplier / 1e30, ChainlinkPriceFeedUtils.getPriceFeedPrice).
 */
export function priceFeedMultiplierKey(token: Address): Hex {
  return withToken(GMX_V2_KEY.PRICE_FEED_MULTIPLIER, token)
}

/** Keys.priceFeedHeartbeatDurationKey(token): seconds after which GMX refuses the feed's answer as stale. */
export function priceFeedHeartbeatDurationKey(token: Address): Hex {
  return withToken(GMX_V2_KEY.PRICE_FEED_HEARTBEAT_DURATION, token)
}

/** Position.getPositionKey: keccak256(abi.encode(account, market, collateralToken, isLong)), the Reader's positionKey. */
export function gmxV2PositionKey(account: Address, market: Address, collateralToken: Address, isLong: boolean): Hex {
  return keccak256(encodeAbiParameters([ADDRESS, ADDRESS, ADDRESS, BOOL], [account, market, collateralToken, isLong]))
}
