import type { Address } from 'viem'
import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'

/**
 * A GMX v2 (gmx-synthetics) deployment as xmargin reads it: the Reader it
 * calls, the DataStore it reads market config and price feeds from, the
 * ReferralStorage the Reader applies to fees, and where the addresses were
 * published.
 */
export type GmxV2Deployment = {
  readonly reader: Address
  readonly dataStore: Address
  readonly referralStorage: Address
  /** Where the addresses were published. */
  readonly source?: string
}

/** GMX v2 as a chain list file gives it (`protocols["gmx-v2"]` of a chain). */
export const gmxV2DeploymentSchema: z.ZodType<GmxV2Deployment> = z.object({
  reader: addressSchema,
  dataStore: addressSchema,
  referralStorage: addressSchema,
  source: z.string().optional(),
})

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
 * (read/readGmxV2Positions.ts).
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

/** The GMX v2 deployments published per chain id. */
export const GMX_V2_DEPLOYMENTS: Readonly<Record<number, readonly GmxV2Deployment[]>> = {
  [gmxV2Arbitrum.chainId]: [gmxV2Arbitrum],
}
