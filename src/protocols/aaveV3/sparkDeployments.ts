import type { AaveV3Deployment } from './deployment.js'

/** Spark's address registry, Ethereum (sparkdotfi/spark-address-registry src/SparkLend.sol). */
const REGISTRY_ETHEREUM = 'sparkdotfi/spark-address-registry src/SparkLend.sol @ 2934ba2a2ba81fbd12966d50aaca581af71aeea4 (POOL, POOL_ADDRESSES_PROVIDER, AAVE_ORACLE, PROTOCOL_DATA_PROVIDER, POOL_IMPL)'
/** Spark's address registry, Gnosis Chain. */
const REGISTRY_GNOSIS = 'sparkdotfi/spark-address-registry src/Gnosis.sol @ 1fc5820e4e4ae7aec1ef9ddc5643829e0d334cec (POOL, POOL_ADDRESSES_PROVIDER, AAVE_ORACLE, PROTOCOL_DATA_PROVIDER, POOL_IMPL)'

/**
 * The SparkLend markets published per chain id. Each runs SparkLend V1.0.0
 * (a fork of Aave v3.0.2) since Spark's April 17, 2024 spells; Spark numbers
 * its own Pool revisions, so each Pool is pinned to the implementation those
 * spells installed and the registry still lists. Gnosis Chain is listed for
 * completeness: xmargin has no Gnosis chain configuration yet, so it is read
 * only when a chain with id 100 is configured.
 */
export const SPARKLEND_DEPLOYMENTS: Readonly<Record<number, readonly AaveV3Deployment[]>> = {
  // Ethereum
  1: [
    {
      market: 'SparkLend',
      release: 'sparklend-1.0.0',
      releaseSource:
        'marsfoundation/spark-spells src/proposals/20240417/SparkEthereum_20240417.sol @ a0387e48b78cde5b5aac79bf7f2e7f589577a48b: "Upgrade Pool Implementation to SparkLend V1.0.0", setPoolImpl(0x5aE329203E00f76891094DcfedD5Aca082a50e1b)',
      pool: '0xC13e21B648A5Ee794902342038FF3aDAB66BE987',
      poolAddressesProvider: '0x02C3eA4e34C0cBd694D2adFa2c690EECbC1793eE',
      oracle: '0x8105f69D9C41644c6A0803fDA7D03Aa70996cFD9',
      dataProvider: '0xFc21d6d146E6086B8359705C8b28512a983db0cb',
      poolImplementations: ['0x5aE329203E00f76891094DcfedD5Aca082a50e1b'],
      source: REGISTRY_ETHEREUM,
    },
  ],
  // Gnosis Chain
  100: [
    {
      market: 'SparkLend Gnosis',
      release: 'sparklend-1.0.0',
      releaseSource:
        'marsfoundation/spark-spells src/proposals/20240417/SparkGnosis_20240417.sol @ c6983d02208ac015e912ac83539d8e7353f363a3: "Upgrade Pool Implementation to SparkLend V1.0.0", setPoolImpl(0xCF86A65779e88bedfF0319FE13aE2B47358EB1bF)',
      pool: '0x2Dae5307c5E3FD1CF5A72Cb6F698f915860607e0',
      poolAddressesProvider: '0xA98DaCB3fC964A6A0d2ce3B77294241585EAbA6d',
      oracle: '0x8105f69D9C41644c6A0803fDA7D03Aa70996cFD9',
      dataProvider: '0x2a002054A06546bB5a264D57A81347e23Af91D18',
      poolImplementations: ['0xCF86A65779e88bedfF0319FE13aE2B47358EB1bF'],
      source: REGISTRY_GNOSIS,
    },
  ],
}
