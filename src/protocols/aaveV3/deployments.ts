import {
  AaveV3Arbitrum,
  AaveV3Base,
  AaveV3Ethereum,
  AaveV3EthereumEtherFi,
  AaveV3EthereumHorizon,
  AaveV3EthereumLido,
  AaveV3Optimism,
  AaveV3Polygon,
} from '@aave-dao/aave-address-book'
import type { Address } from 'viem'
import type { AaveV3Deployment } from './deployment.js'

const ADDRESS_BOOK = '@aave-dao/aave-address-book 4.68.1'

/** v3.6 → v3.7, part 1 (Sonic, Optimism, Gnosis, Scroll, Celo, MegaEth, XLayer, Ethereum EtherFi). */
const V37_PART_1 =
  'v3.7 by "Upgrade Aave instances to v3.7 Part 1": bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part1/UpgradeAaveInstancesToV37Part1.md @ 073011a71a2fec13dbd8dad6fbe6301ad7128e88 (payload: bgd-labs/protocol-v3.7-upgrade src/UpgradePayload.sol)'
/** v3.6 → v3.7, part 2 (Ethereum Core and Lido, Polygon, Avalanche, Arbitrum, Base, BNB, Linea, Plasma, Mantle). */
const V37_PART_2 =
  'v3.7 by "Upgrade Aave instances to v3.7 Part 2": bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2/UpgradeAaveInstancesToV37Part2.md @ 011d0ab009e9b912c0562e8a9e5bc5944400943f (payload: bgd-labs/protocol-v3.7-upgrade src/UpgradePayload.sol)'

/** The address book's market object, as far as a deployment needs it. */
type AddressBookMarket = {
  readonly POOL: Address
  readonly POOL_ADDRESSES_PROVIDER: Address
  readonly ORACLE: Address
  readonly AAVE_PROTOCOL_DATA_PROVIDER: Address
}

function fromAddressBook(market: string, book: AddressBookMarket, release: AaveV3Deployment['release'], releaseSource: string): AaveV3Deployment {
  return {
    market,
    release,
    releaseSource,
    pool: book.POOL,
    poolAddressesProvider: book.POOL_ADDRESSES_PROVIDER,
    oracle: book.ORACLE,
    dataProvider: book.AAVE_PROTOCOL_DATA_PROVIDER,
    source: `${ADDRESS_BOOK}, export ${market} (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)`,
  }
}

/**
 * The Aave V3 markets published per chain id, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1 and the release each runs, each with
 * the proposal that put it there. The address book's `POOL_CONFIGURATOR_IMPL`
 * 0xFF42Ce30… on every v3.7 market is the v3.7 configurator of
 * bgd-labs/protocol-v3.7-upgrade (diffs/code/1/0x6fDdde45…_0xFF42Ce30…).
 * Pools are identified on chain by their revision (3.7: 11), so no
 * implementation is pinned. Horizon is listed and answers
 * UNSUPPORTED_PROTOCOL_VERSION: it runs other logic (an RWA fork of v3.3).
 */
export const AAVE_V3_DEPLOYMENTS: Readonly<Record<number, readonly AaveV3Deployment[]>> = {
  // Ethereum
  1: [
    fromAddressBook('AaveV3Ethereum', AaveV3Ethereum, 'aave-3.7', V37_PART_2),
    fromAddressBook('AaveV3EthereumLido', AaveV3EthereumLido, 'aave-3.7', V37_PART_2),
    fromAddressBook('AaveV3EthereumEtherFi', AaveV3EthereumEtherFi, 'aave-3.7', V37_PART_1),
    fromAddressBook(
      'AaveV3EthereumHorizon',
      AaveV3EthereumHorizon,
      'horizon-rwa',
      // not among the networks of either v3.7 part; its POOL_CONFIGURATOR_IMPL in the address book (0x898E245D…) is not the v3.7 configurator
      'aave/aave-v3-horizon docs/Horizon/Horizon-overview.md @ 01a8368e4ba323ed1b51200b4a1ad79c422430bb: a licensed RWA instance, "initially a fork of v3.3"',
    ),
  ],
  // Arbitrum One
  42161: [fromAddressBook('AaveV3Arbitrum', AaveV3Arbitrum, 'aave-3.7', V37_PART_2)],
  // Base
  8453: [fromAddressBook('AaveV3Base', AaveV3Base, 'aave-3.7', V37_PART_2)],
  // OP Mainnet
  10: [fromAddressBook('AaveV3Optimism', AaveV3Optimism, 'aave-3.7', V37_PART_1)],
  // Polygon PoS
  137: [fromAddressBook('AaveV3Polygon', AaveV3Polygon, 'aave-3.7', V37_PART_2)],
}
