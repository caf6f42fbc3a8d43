import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import type { ChainContext } from '../types.js'
import type { ChainReader } from '../../read/readPlan.js'
import { UnsupportedProtocolVersionError } from '../../errors/index.js'
import { aaveV3DeploymentSchema, type AaveV3Deployment } from './deployment.js'
import { AAVE_V3_DEPLOYMENTS } from './deployments.js'
import { SPARKLEND_DEPLOYMENTS } from './sparkDeployments.js'
import { aaveV3, sparkLend } from './index.js'
import { AAVE_V3_RELEASES } from './read/aaveV3Releases.js'

const OWNER: Address = '0x00000000000000000000000000000000000000aa'
const all = (table: Readonly<Record<number, readonly AaveV3Deployment[]>>) => Object.entries(table).flatMap(([id, ds]) => ds.map((d) => ({ chainId: Number(id), d })))
const chain = (chainId: number): ChainContext => ({ chainId, key: `chain-${chainId}`, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', heartbeatOf: () => null })

describe('published Aave V3 and SparkLend deployments', () => {
  it('parse with the deployment schema, unchanged, each with its address and release sources', () => {
    for (const { d } of [...all(AAVE_V3_DEPLOYMENTS), ...all(SPARKLEND_DEPLOYMENTS)]) {
      expect(aaveV3DeploymentSchema.parse(d)).toEqual(d)
      expect(d.source).toBeTruthy()
      expect(d.releaseSource).toBeTruthy()
    }
  })

  it('list the Ethereum markets of the address book (Core, Lido, EtherFi on 3.7, Horizon on its own logic) and the L2 main markets on 3.7', () => {
    expect(AAVE_V3_DEPLOYMENTS[1]!.map((d) => [d.market, d.release])).toEqual([
      ['AaveV3Ethereum', 'aave-3.7'],
      ['AaveV3EthereumLido', 'aave-3.7'],
      ['AaveV3EthereumEtherFi', 'aave-3.7'],
      ['AaveV3EthereumHorizon', 'horizon-rwa'],
    ])
    for (const id of [42161, 8453, 10, 137]) expect(AAVE_V3_DEPLOYMENTS[id]!.map((d) => d.release)).toEqual(['aave-3.7'])
  })

  it('pin every SparkLend Pool to its implementation (Spark numbers its own revisions)', () => {
    for (const { d } of all(SPARKLEND_DEPLOYMENTS)) {
      expect(d.release).toBe('sparklend-1.0.0')
      expect(d.poolImplementations?.length).toBeGreaterThan(0)
    }
  })

  it('are served by their own plugin: Aave markets by aave-v3, SparkLend by sparklend', () => {
    expect(aaveV3.publishedDeployments(1)).toBe(AAVE_V3_DEPLOYMENTS[1])
    expect(sparkLend.publishedDeployments(1)).toBe(SPARKLEND_DEPLOYMENTS[1])
    expect([aaveV3.key, aaveV3.protocol, sparkLend.key, sparkLend.protocol]).toEqual(['aave-v3', 'AAVE_V3', 'sparklend', 'SPARK'])
    expect(sparkLend.publishedDeployments(42161)).toEqual([])
  })
})

describe('a chain list entry', () => {
  it('needs a release; a fork release also needs its Pool implementations', () => {
    const base = { pool: '0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2', oracle: '0x54586bE62E3c3580375aE3723C145253060Ca0C2' }
    expect(aaveV3DeploymentSchema.safeParse({ ...base, release: 'aave-3.0.2' }).success).toBe(true)
    expect(aaveV3DeploymentSchema.safeParse({ ...base, version: '3.0' }).success).toBe(false)
    expect(aaveV3DeploymentSchema.safeParse({ ...base, release: 'aave-4.0' }).success).toBe(false)
    expect(aaveV3DeploymentSchema.safeParse({ ...base, release: 'sparklend-1.0.0' }).success).toBe(false)
    expect(aaveV3DeploymentSchema.safeParse({ ...base, release: 'sparklend-1.0.0', poolImplementations: [base.pool] }).success).toBe(true)
  })
})

describe('venues of markets xmargin does not read', () => {
  it('Horizon answers UNSUPPORTED_PROTOCOL_VERSION as an Aave venue with its release, before any read', async () => {
    const horizon = AAVE_V3_DEPLOYMENTS[1]!.find((d) => d.release === 'horizon-rwa')!
    const reader = aaveV3.createReaders()({ chain: chain(1), deployment: horizon, owner: OWNER })
    // prepare refuses before touching the node
    const error = await reader.prepare({} as ChainReader).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(UnsupportedProtocolVersionError)
    expect(reader.fail(error)).toEqual([
      expect.objectContaining({
        status: 'unavailable',
        protocol: 'AAVE_V3',
        id: `aave-v3:1:${horizon.pool}:${OWNER}`,
        protocolVersion: AAVE_V3_RELEASES['horizon-rwa'].label,
        error: expect.objectContaining({ code: 'UNSUPPORTED_PROTOCOL_VERSION' }),
      }),
    ])
  })

  it('a SparkLend venue is a SPARK venue with its own id prefix and release label', () => {
    const spark = SPARKLEND_DEPLOYMENTS[1]![0]!
    const reader = sparkLend.createReaders()({ chain: chain(1), deployment: spark, owner: OWNER })
    expect(reader.fail(new UnsupportedProtocolVersionError('SparkLend', 'x', []))).toEqual([
      expect.objectContaining({ protocol: 'SPARK', id: `sparklend:1:${spark.pool}:${OWNER}`, protocolVersion: 'sparklend-1.0.0 (aave 3.0.2)' }),
    ])
  })
})
