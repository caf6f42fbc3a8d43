import { AaveV3Arbitrum, AaveV3Base, AaveV3Ethereum, AaveV3Optimism, AaveV3Polygon } from '@aave-dao/aave-address-book'
import type { AaveV3Deployment } from './deployment.js'

/**
 * The Aave V3 markets published per chain id: the main market of Ethereum,
 * Arbitrum One, Base, OP Mainnet and Polygon PoS, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1 and the release each runs (sources
 * inline).
 */
export const AAVE_V3_DEPLOYMENTS: Readonly<Record<number, readonly AaveV3Deployment[]>> = {
  // Ethereum
  1: [
    {
      market: 'AaveV3Ethereum',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload MAINNET_CORE); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade diffs/1_0x8787…: Pool revision 10→11). Path: v3.3 (2025), v3.4, v3.5, v3.6 (AIP 433, Jan 2026), v3.7.
      version: '3.7',
      pool: AaveV3Ethereum.POOL,
      poolAddressesProvider: AaveV3Ethereum.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Ethereum.ORACLE,
      dataProvider: AaveV3Ethereum.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Ethereum (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
  // Arbitrum One
  42161: [
    {
      market: 'AaveV3Arbitrum',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload ARBITRUM); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade). Path: v3.6 via AIP 436 (Jan 2026, resubmitted after AIP 433 expired), then v3.7.
      version: '3.7',
      pool: AaveV3Arbitrum.POOL,
      poolAddressesProvider: AaveV3Arbitrum.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Arbitrum.ORACLE,
      dataProvider: AaveV3Arbitrum.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Arbitrum (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
  // Base
  8453: [
    {
      market: 'AaveV3Base',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload BASE); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade). Path: v3.6 via AIP 436 (Jan 2026, resubmitted after AIP 433 expired), then v3.7.
      version: '3.7',
      pool: AaveV3Base.POOL,
      poolAddressesProvider: AaveV3Base.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Base.ORACLE,
      dataProvider: AaveV3Base.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Base (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
  // OP Mainnet
  10: [
    {
      market: 'AaveV3Optimism',
      // v3.7 since AIP 473 ("Upgrade Aave instances to v3.7 Part 1", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part1, payload OPTIMISM); the address book's POOL_IMPL 0x66185E53… is the v3.7 Pool (bgd-labs/protocol-v3.7-upgrade diffs/code/10/…_0x66185E53…). Path: v3.6 via AIP 429 (Jan 2026), then v3.7.
      version: '3.7',
      pool: AaveV3Optimism.POOL,
      poolAddressesProvider: AaveV3Optimism.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Optimism.ORACLE,
      dataProvider: AaveV3Optimism.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Optimism (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
  // Polygon PoS
  137: [
    {
      market: 'AaveV3Polygon',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload POLYGON); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade). Path: v3.6 via AIP 436 (Jan 2026, resubmitted after AIP 433 expired), then v3.7.
      version: '3.7',
      pool: AaveV3Polygon.POOL,
      poolAddressesProvider: AaveV3Polygon.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Polygon.ORACLE,
      dataProvider: AaveV3Polygon.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Polygon (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
}
