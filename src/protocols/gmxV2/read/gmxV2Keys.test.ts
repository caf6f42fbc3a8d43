import { createRequire } from 'node:module'
import type { Address, Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  GMX_V2_KEY,
  gmxV2PositionKey,
  maxPnlFactorKey,
  maxPositionImpactFactorForLiquidationsKey,
  maxPositionImpactFactorKey,
  minCollateralFactorForLiquidationKey,
  minCollateralFactorKey,
  minCollateralUsdKey,
  openInterestInTokensKey,
  openInterestKey,
  poolAmountKey,
  positionFeeFactorKey,
  positionImpactExponentFactorKey,
  positionImpactFactorKey,
  priceFeedHeartbeatDurationKey,
  priceFeedKey,
  priceFeedMultiplierKey,
  useOpenInterestInTokensForBalanceKey,
  virtualInventoryForPositionsKey,
  virtualTokenIdKey,
} from './gmxV2Keys.js'

// The SDK's ESM build has extensionless imports Node cannot load; its CJS build loads.
const require = createRequire(import.meta.url)
const sdkKeys = require('@gmx-io/sdk/configs/dataStore') as typeof import('@gmx-io/sdk/configs/dataStore')
const sdkHash = require('@gmx-io/sdk/utils/hash') as typeof import('@gmx-io/sdk/utils/hash')

const ETH_USD: Address = '0x70d95587d40A2caf56bd97485aB3Eec10Bee6336'
const WETH: Address = '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1'
const USDC: Address = '0xaf88d065e77c8cC2239327C5EDb3A432268e5831'
const ACCOUNT: Address = '0x00000000000000000000000000000000000a11ce'

describe('GMX v2 DataStore keys against @gmx-io/sdk configs/dataStore', () => {
  it('derives every market key as the SDK does, for both flags', () => {
    expect(minCollateralUsdKey()).toBe(sdkKeys.MIN_COLLATERAL_USD_KEY)
    expect(useOpenInterestInTokensForBalanceKey()).toBe(sdkKeys.USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE)
    expect(minCollateralFactorKey(ETH_USD)).toBe(sdkKeys.minCollateralFactorKey(ETH_USD))
    expect(minCollateralFactorForLiquidationKey(ETH_USD)).toBe(sdkKeys.minCollateralFactorForLiquidationKey(ETH_USD))
    expect(maxPositionImpactFactorForLiquidationsKey(ETH_USD)).toBe(sdkKeys.maxPositionImpactFactorForLiquidationsKey(ETH_USD))
    for (const flag of [true, false]) {
      expect(positionFeeFactorKey(ETH_USD, flag)).toBe(sdkKeys.positionFeeFactorKey(ETH_USD, flag))
      expect(positionImpactFactorKey(ETH_USD, flag)).toBe(sdkKeys.positionImpactFactorKey(ETH_USD, flag))
      expect(positionImpactExponentFactorKey(ETH_USD, flag)).toBe(sdkKeys.positionImpactExponentFactorKey(ETH_USD, flag))
      expect(maxPositionImpactFactorKey(ETH_USD, flag)).toBe(sdkKeys.maxPositionImpactFactorKey(ETH_USD, flag))
      expect(maxPnlFactorKey(GMX_V2_KEY.MAX_PNL_FACTOR_FOR_TRADERS, ETH_USD, flag)).toBe(
        sdkKeys.maxPnlFactorKey(sdkKeys.MAX_PNL_FACTOR_FOR_TRADERS_KEY, ETH_USD, flag),
      )
      for (const token of [WETH, USDC]) {
        expect(openInterestKey(ETH_USD, token, flag)).toBe(sdkKeys.openInterestKey(ETH_USD, token, flag))
        expect(openInterestInTokensKey(ETH_USD, token, flag)).toBe(sdkKeys.openInterestInTokensKey(ETH_USD, token, flag))
      }
    }
    expect(poolAmountKey(ETH_USD, WETH)).toBe(sdkKeys.poolAmountKey(ETH_USD, WETH))
    expect(poolAmountKey(ETH_USD, USDC)).toBe(sdkKeys.poolAmountKey(ETH_USD, USDC))
  })

  it('derives the token, virtual inventory and position keys as the SDK does', () => {
    expect(priceFeedKey(WETH)).toBe(sdkKeys.priceFeedKey(WETH))
    expect(virtualTokenIdKey(WETH)).toBe(sdkKeys.virtualTokenIdKey(WETH))
    const id: Hex = '0x04533137e2e8ae1c11111111111111111111111111111111111111111111111a'
    expect(virtualInventoryForPositionsKey(id)).toBe(sdkKeys.virtualInventoryForPositionsKey(id))
    expect(gmxV2PositionKey(ACCOUNT, ETH_USD, USDC, true)).toBe(sdkKeys.hashedPositionKey(ACCOUNT, ETH_USD, USDC, true))
    expect(gmxV2PositionKey(ACCOUNT, ETH_USD, USDC, false)).not.toBe(gmxV2PositionKey(ACCOUNT, ETH_USD, USDC, true))
  })

  it('derives the feed multiplier and heartbeat keys (no SDK function) with the SDK hash helpers, as Keys.sol', () => {
    // Keys.priceFeedMultiplierKey / priceFeedHeartbeatDurationKey: keccak256(abi.encode(NAME, token))
    expect(GMX_V2_KEY.PRICE_FEED_MULTIPLIER).toBe(sdkHash.hashString('PRICE_FEED_MULTIPLIER'))
    expect(priceFeedMultiplierKey(WETH)).toBe(sdkHash.hashData(['bytes32', 'address'], [sdkHash.hashString('PRICE_FEED_MULTIPLIER'), WETH]))
    expect(priceFeedHeartbeatDurationKey(WETH)).toBe(
      sdkHash.hashData(['bytes32', 'address'], [sdkHash.hashString('PRICE_FEED_HEARTBEAT_DURATION'), WETH]),
    )
    // every constant is keccak256(abi.encode(name)) of its own name
    for (const [name, hash] of Object.entries(GMX_V2_KEY)) expect(hash, name).toBe(sdkHash.hashString(name))
  })
})
