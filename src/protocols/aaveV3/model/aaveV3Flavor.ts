/**
 * Which protocol a Pool of Aave V3's code belongs to: Aave's own markets or
 * SparkLend (a fork that keeps Aave's Pool). The model and the reader are the
 * same; the venue's public `protocol`, the prefix of its id and its name differ.
 */
export type AaveV3Flavor = {
  /** The public `Protocol` value of its venues. */
  readonly protocol: 'AAVE_V3' | 'SPARK'
  /** The plugin key: prefix of venue ids and name in chain list files. */
  readonly key: 'aave-v3' | 'sparklend'
  /** The name people use. */
  readonly name: string
}

/** Aave's own markets. */
export const AAVE_V3_FLAVOR: AaveV3Flavor = { protocol: 'AAVE_V3', key: 'aave-v3', name: 'Aave V3' }

/** SparkLend (Spark's fork of Aave v3.0.2). */
export const SPARKLEND_FLAVOR: AaveV3Flavor = { protocol: 'SPARK', key: 'sparklend', name: 'SparkLend' }
