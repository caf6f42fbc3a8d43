import { aggregatorV3Abi } from '../../read/abi.js'
/**
 * The GMX v2 (gmx-synthetics) Reader function xmargin calls, as a const ABI for
 * viem's types. Copied, unchanged, from @gmx-io/sdk 1.4.0
 * build/esm/src/abis/SyntheticsReader.js (the SyntheticsReader ABI the SDK and
 * GMX's interface use with the Reader at CONTRACTS[42161].SyntheticsReader):
 * the `getAccountPositionInfoList` entry, which returns
 * ReaderPositionUtils.PositionInfo[] for an account's positions.
 */
export const gmxV2ReaderAbi = [
  {
    type: 'function',
    name: 'getAccountPositionInfoList',
    stateMutability: 'view',
    inputs: [
      { name: 'dataStore', type: 'address', internalType: 'contract DataStore' },
      { name: 'referralStorage', type: 'address', internalType: 'contract IReferralStorage' },
      { name: 'account', type: 'address', internalType: 'address' },
      { name: 'markets', type: 'address[]', internalType: 'address[]' },
      {
        name: 'marketPrices', type: 'tuple[]', internalType: 'struct MarketUtils.MarketPrices[]',
        components: [
          {
            name: 'indexTokenPrice', type: 'tuple', internalType: 'struct Price.Props',
            components: [
              { name: 'min', type: 'uint256', internalType: 'uint256' },
              { name: 'max', type: 'uint256', internalType: 'uint256' },
            ],
          },
          {
            name: 'longTokenPrice', type: 'tuple', internalType: 'struct Price.Props',
            components: [
              { name: 'min', type: 'uint256', internalType: 'uint256' },
              { name: 'max', type: 'uint256', internalType: 'uint256' },
            ],
          },
          {
            name: 'shortTokenPrice', type: 'tuple', internalType: 'struct Price.Props',
            components: [
              { name: 'min', type: 'uint256', internalType: 'uint256' },
              { name: 'max', type: 'uint256', internalType: 'uint256' },
            ],
          },
        ],
      },
      { name: 'uiFeeReceiver', type: 'address', internalType: 'address' },
      { name: 'start', type: 'uint256', internalType: 'uint256' },
      { name: 'end', type: 'uint256', internalType: 'uint256' },
    ],
    outputs: [
      {
        name: '', type: 'tuple[]', internalType: 'struct ReaderPositionUtils.PositionInfo[]',
        components: [
          { name: 'positionKey', type: 'bytes32', internalType: 'bytes32' },
          {
            name: 'position', type: 'tuple', internalType: 'struct Position.Props',
            components: [
              {
                name: 'addresses', type: 'tuple', internalType: 'struct Position.Addresses',
                components: [
                  { name: 'account', type: 'address', internalType: 'address' },
                  { name: 'market', type: 'address', internalType: 'address' },
                  { name: 'collateralToken', type: 'address', internalType: 'address' },
                ],
              },
              {
                name: 'numbers', type: 'tuple', internalType: 'struct Position.Numbers',
                components: [
                  { name: 'sizeInUsd', type: 'uint256', internalType: 'uint256' },
                  { name: 'sizeInTokens', type: 'uint256', internalType: 'uint256' },
                  { name: 'collateralAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'pendingImpactAmount', type: 'int256', internalType: 'int256' },
                  { name: 'borrowingFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'fundingFeeAmountPerSize', type: 'uint256', internalType: 'uint256' },
                  { name: 'longTokenClaimableFundingAmountPerSize', type: 'uint256', internalType: 'uint256' },
                  { name: 'shortTokenClaimableFundingAmountPerSize', type: 'uint256', internalType: 'uint256' },
                  { name: 'increasedAtTime', type: 'uint256', internalType: 'uint256' },
                  { name: 'decreasedAtTime', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'flags', type: 'tuple', internalType: 'struct Position.Flags',
                components: [
                  { name: 'isLong', type: 'bool', internalType: 'bool' },
                ],
              },
            ],
          },
          {
            name: 'fees', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionFees',
            components: [
              {
                name: 'referral', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionReferralFees',
                components: [
                  { name: 'referralCode', type: 'bytes32', internalType: 'bytes32' },
                  { name: 'affiliate', type: 'address', internalType: 'address' },
                  { name: 'trader', type: 'address', internalType: 'address' },
                  { name: 'totalRebateFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'affiliateRewardFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'adjustedAffiliateRewardFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'traderDiscountFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'totalRebateAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'traderDiscountAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'affiliateRewardAmount', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'pro', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionProFees',
                components: [
                  { name: 'traderTier', type: 'uint256', internalType: 'uint256' },
                  { name: 'traderDiscountFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'traderDiscountAmount', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'funding', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionFundingFees',
                components: [
                  { name: 'fundingFeeAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'claimableLongTokenAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'claimableShortTokenAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'latestFundingFeeAmountPerSize', type: 'uint256', internalType: 'uint256' },
                  { name: 'latestLongTokenClaimableFundingAmountPerSize', type: 'uint256', internalType: 'uint256' },
                  { name: 'latestShortTokenClaimableFundingAmountPerSize', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'borrowing', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionBorrowingFees',
                components: [
                  { name: 'borrowingFeeUsd', type: 'uint256', internalType: 'uint256' },
                  { name: 'borrowingFeeAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'borrowingFeeReceiverFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'borrowingFeeAmountForFeeReceiver', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'ui', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionUiFees',
                components: [
                  { name: 'uiFeeReceiver', type: 'address', internalType: 'address' },
                  { name: 'uiFeeReceiverFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'uiFeeAmount', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'liquidation', type: 'tuple', internalType: 'struct PositionPricingUtils.PositionLiquidationFees',
                components: [
                  { name: 'liquidationFeeUsd', type: 'uint256', internalType: 'uint256' },
                  { name: 'liquidationFeeAmount', type: 'uint256', internalType: 'uint256' },
                  { name: 'liquidationFeeReceiverFactor', type: 'uint256', internalType: 'uint256' },
                  { name: 'liquidationFeeAmountForFeeReceiver', type: 'uint256', internalType: 'uint256' },
                ],
              },
              {
                name: 'collateralTokenPrice', type: 'tuple', internalType: 'struct Price.Props',
                components: [
                  { name: 'min', type: 'uint256', internalType: 'uint256' },
                  { name: 'max', type: 'uint256', internalType: 'uint256' },
                ],
              },
              { name: 'positionFeeFactor', type: 'uint256', internalType: 'uint256' },
              { name: 'protocolFeeAmount', type: 'uint256', internalType: 'uint256' },
              { name: 'positionFeeReceiverFactor', type: 'uint256', internalType: 'uint256' },
              { name: 'feeReceiverAmount', type: 'uint256', internalType: 'uint256' },
              { name: 'feeAmountForPool', type: 'uint256', internalType: 'uint256' },
              { name: 'positionFeeAmountForPool', type: 'uint256', internalType: 'uint256' },
              { name: 'positionFeeAmount', type: 'uint256', internalType: 'uint256' },
              { name: 'totalCostAmountExcludingFunding', type: 'uint256', internalType: 'uint256' },
              { name: 'totalCostAmount', type: 'uint256', internalType: 'uint256' },
              { name: 'totalDiscountAmount', type: 'uint256', internalType: 'uint256' },
            ],
          },
          {
            name: 'executionPriceResult', type: 'tuple', internalType: 'struct ReaderPricingUtils.ExecutionPriceResult',
            components: [
              { name: 'priceImpactUsd', type: 'int256', internalType: 'int256' },
              { name: 'executionPrice', type: 'uint256', internalType: 'uint256' },
              { name: 'balanceWasImproved', type: 'bool', internalType: 'bool' },
              { name: 'proportionalPendingImpactUsd', type: 'int256', internalType: 'int256' },
              { name: 'totalImpactUsd', type: 'int256', internalType: 'int256' },
              { name: 'priceImpactDiffUsd', type: 'uint256', internalType: 'uint256' },
            ],
          },
          { name: 'basePnlUsd', type: 'int256', internalType: 'int256' },
          { name: 'uncappedBasePnlUsd', type: 'int256', internalType: 'int256' },
          { name: 'pnlAfterPriceImpactUsd', type: 'int256', internalType: 'int256' },
        ],
      },
    ],
  },
] as const

/**
 * The Reader functions the cold and first reads call, copied unchanged from
 * @gmx-io/sdk 1.4.0 build/esm/src/abis/SyntheticsReader.js (`getMarkets`,
 * `getAccountPositions`; internalType fields kept).
 */
export const gmxV2ReaderListAbi = [
  {
    type: 'function',
    name: 'getMarkets',
    stateMutability: 'view',
    inputs: [
      { name: 'dataStore', type: 'address', internalType: 'contract DataStore' },
      { name: 'start', type: 'uint256', internalType: 'uint256' },
      { name: 'end', type: 'uint256', internalType: 'uint256' },
    ],
    outputs: [
      {
        name: '', type: 'tuple[]', internalType: 'struct Market.Props[]',
        components: [
          { name: 'marketToken', type: 'address', internalType: 'address' },
          { name: 'indexToken', type: 'address', internalType: 'address' },
          { name: 'longToken', type: 'address', internalType: 'address' },
          { name: 'shortToken', type: 'address', internalType: 'address' },
        ],
      },
    ],
  },
  {
    type: 'function',
    name: 'getAccountPositions',
    stateMutability: 'view',
    inputs: [
      { name: 'dataStore', type: 'address', internalType: 'contract DataStore' },
      { name: 'account', type: 'address', internalType: 'address' },
      { name: 'start', type: 'uint256', internalType: 'uint256' },
      { name: 'end', type: 'uint256', internalType: 'uint256' },
    ],
    outputs: [
      {
        name: '', type: 'tuple[]', internalType: 'struct Position.Props[]',
        components: [
          {
            name: 'addresses', type: 'tuple', internalType: 'struct Position.Addresses',
            components: [
              { name: 'account', type: 'address', internalType: 'address' },
              { name: 'market', type: 'address', internalType: 'address' },
              { name: 'collateralToken', type: 'address', internalType: 'address' },
            ],
          },
          {
            name: 'numbers', type: 'tuple', internalType: 'struct Position.Numbers',
            components: [
              { name: 'sizeInUsd', type: 'uint256', internalType: 'uint256' },
              { name: 'sizeInTokens', type: 'uint256', internalType: 'uint256' },
              { name: 'collateralAmount', type: 'uint256', internalType: 'uint256' },
              { name: 'pendingImpactAmount', type: 'int256', internalType: 'int256' },
              { name: 'borrowingFactor', type: 'uint256', internalType: 'uint256' },
              { name: 'fundingFeeAmountPerSize', type: 'uint256', internalType: 'uint256' },
              { name: 'longTokenClaimableFundingAmountPerSize', type: 'uint256', internalType: 'uint256' },
              { name: 'shortTokenClaimableFundingAmountPerSize', type: 'uint256', internalType: 'uint256' },
              { name: 'increasedAtTime', type: 'uint256', internalType: 'uint256' },
              { name: 'decreasedAtTime', type: 'uint256', internalType: 'uint256' },
            ],
          },
          {
            name: 'flags', type: 'tuple', internalType: 'struct Position.Flags',
            components: [{ name: 'isLong', type: 'bool', internalType: 'bool' }],
          },
        ],
      },
    ],
  },
] as const

/** DataStore getters, copied unchanged from @gmx-io/sdk 1.4.0 build/esm/src/abis/DataStore.js. */
export const gmxV2DataStoreAbi = [
  {
    type: 'function', name: 'getUint', stateMutability: 'view',
    inputs: [{ name: 'key', type: 'bytes32', internalType: 'bytes32' }],
    outputs: [{ name: '', type: 'uint256', internalType: 'uint256' }],
  },
  {
    type: 'function', name: 'getInt', stateMutability: 'view',
    inputs: [{ name: 'key', type: 'bytes32', internalType: 'bytes32' }],
    outputs: [{ name: '', type: 'int256', internalType: 'int256' }],
  },
  {
    type: 'function', name: 'getAddress', stateMutability: 'view',
    inputs: [{ name: 'key', type: 'bytes32', internalType: 'bytes32' }],
    outputs: [{ name: '', type: 'address', internalType: 'address' }],
  },
  {
    type: 'function', name: 'getBool', stateMutability: 'view',
    inputs: [{ name: 'key', type: 'bytes32', internalType: 'bytes32' }],
    outputs: [{ name: '', type: 'bool', internalType: 'bool' }],
  },
  {
    type: 'function', name: 'getBytes32', stateMutability: 'view',
    inputs: [{ name: 'key', type: 'bytes32', internalType: 'bytes32' }],
    outputs: [{ name: '', type: 'bytes32', internalType: 'bytes32' }],
  },
] as const

/**
 * The price feed GMX configures per token: `latestRoundData` as GMX's
 * IPriceFeed declares it (gmx-synthetics contracts/oracle/IPriceFeed.sol),
 * plus Chainlink AggregatorV3Interface's `decimals` and `description`, read
 * once to name synthetic tokens and recover their decimals.
 */
export const gmxV2PriceFeedAbi = [
  ...aggregatorV3Abi,
  { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'uint8' }] },
  { type: 'function', name: 'description', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'string' }] },
] as const
