import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Address } from 'viem'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'

/** Folder of the recorded Lighter responses the devnet replays (see its SOURCES.md). */
export const LIGHTER_RECORDINGS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'recordings')

/** One recording of an L1 address's accounts and the devnet address it is replayed for. `recordedAt` unix seconds (null when unknown). */
export type LighterRecording = {
  readonly file: string
  readonly address: Address
  readonly recordedAt: bigint | null
  readonly description: string
}

/**
 * Which recorded accounts answer the devnet's `GET /api/v1/account?by=l1_address`
 * for which address: the demo wallet gets account 1077's cross ETH long
 * (beside its Aave WETH debt and its Hyperliquid account), a fixed address
 * the master account with spot assets and its sub-account. The payloads carry
 * no time, so `recordedAt` is unknown (the ccxt file is of about 2025-11).
 */
export const LIGHTER_RECORDINGS: readonly LighterRecording[] = [
  {
    file: 'account_by_index_ETH_long_cross_liqpx.json',
    address: DEVNET_ACCOUNTS.demo,
    recordedAt: null,
    description: 'demo wallet: account 1077, cross, ETH long 18.0193, liquidation_price 2191.1107231380406, total_asset_value 15298.072264000002 (ccxt, mainnet, ~2025-11; recorded by index)',
  },
  {
    file: 'accountsByL1Address_unified_assets.json',
    address: '0x00000000000000000000000000000000000001B1',
    recordedAt: null,
    description: 'master account 1077 (no position; ETH and USDC spot assets) and sub-account 281474976710608 (ccxt, mainnet, ~2025-11)',
  },
]

/** The recorded `orderBookDetails` (ETH: MMF 120, i.e. 1.2%). */
export const LIGHTER_MARKETS_RECORDING = 'orderBookDetails_ETH_margin_fractions_2025-11.json'
