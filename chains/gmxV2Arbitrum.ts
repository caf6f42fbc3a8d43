import type { Address } from 'viem'

/**
 * A GMX v2 (gmx-synthetics) deployment as xmargin reads it: the Reader it
 * calls, the DataStore it reads market config and price feeds from, the
 * ReferralStorage the Reader applies to fees, and where the addresses were
 * published. A chain file may carry one as `gmxV2`.
 */
export type GmxV2Deployment = {
  readonly reader: Address
  readonly dataStore: Address
  readonly referralStorage: Address
  /** Where the addresses were published. */
  readonly source: string
}

/**
 * GMX v2 (gmx-synthetics) on Arbitrum One (chain id 42161): the contracts
 * xmargin reads positions through. Addresses from @gmx-io/sdk 1.4.0,
 * build/esm/src/configs/contracts.js, CONTRACTS[42161] (the SDK lists
 * ReferralStorage in lower case; checksummed here). Not yet read on a live
 * chain by xmargin's tests.
 *
 * Prices: the Reader takes prices from its caller; xmargin passes, per token,
 * the Chainlink feed GMX itself configures in this DataStore (Keys.PRICE_FEED,
 * converted with Keys.PRICE_FEED_MULTIPLIER), min = max
 * (src/adapters/gmxV2/gmxV2Reader.ts).
 */
export const gmxV2Arbitrum = {
  chainId: 42161,
  /** CONTRACTS[42161].SyntheticsReader: getAccountPositionInfoList, isPositionLiquidatable. */
  reader: '0x470fbC46bcC0f16532691Df360A07d8Bf5ee0789',
  /** CONTRACTS[42161].DataStore: market factors, open interest, pool amounts. */
  dataStore: '0xFD70de6b91282D8017aA4E741e9Ae325CAb992d8',
  /** CONTRACTS[42161].ReferralStorage: referral codes and tiers the Reader applies to fees. */
  referralStorage: '0xe6fab3F0c7199b0d34d7FbE83394fc0e0D06e99d',
  /** CONTRACTS[42161].ExchangeRouter (orders; not read). */
  exchangeRouter: '0x1C3fa76e6E1088bCE750f23a5BFcffa1efEF6A41',
  source:
    '@gmx-io/sdk 1.4.0 build/esm/src/configs/contracts.js, CONTRACTS[42161]: SyntheticsReader, DataStore, ReferralStorage, ExchangeRouter',
} as const satisfies GmxV2Deployment & {
  readonly chainId: number
  readonly exchangeRouter: Address
}
