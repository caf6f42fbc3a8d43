import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/index.js'
import { loadConfig } from './loadConfig.js'

describe('loadConfig', () => {
  it('has defaults and is frozen', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 4000, host: '127.0.0.1', chains: null, chainTimeoutMs: 3000, production: false })
    expect(c.oneAccount).toMatchObject({ stable: 0.95, volatile: 0.7 })
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('reads RPC_URL_<chainId>, chains and collateral factor overrides', () => {
    const c = loadConfig({ RPC_URL_1: 'https://rpc.example', XMARGIN_CHAINS: 'ethereum, 42161', ONE_ACCOUNT_FACTORS: '{"ETH":0.8}' })
    expect(c.rpcUrls[1]).toEqual(['https://rpc.example'])
    // several, comma-separated: fallbacks in order
    expect(loadConfig({ RPC_URL_1: 'https://a.example, https://b.example' }).rpcUrls[1]).toEqual(['https://a.example', 'https://b.example'])
    expect(c.chains).toEqual(['ethereum', '42161'])
    expect(c.oneAccount.overrides).toEqual({ ETH: 0.8 })
  })

  it('names the bad key', () => {
    const bad: [Record<string, string>, string][] = [
      [{ PORT: 'http' }, 'PORT'],
      [{ RPC_URL_10: 'ftp://x' }, 'RPC_URL_10'],
      [{ ONE_ACCOUNT_VOLATILE_CF: '1.5' }, 'ONE_ACCOUNT_VOLATILE_CF'],
      [{ ONE_ACCOUNT_FACTORS: '{"ETH":2}' }, 'ONE_ACCOUNT_FACTORS'],
      [{ CHAIN_TIMEOUT_MS: '5' }, 'CHAIN_TIMEOUT_MS'],
    ]
    for (const [env, key] of bad) {
      expect(() => loadConfig(env)).toThrow(ConfigError)
      expect(() => loadConfig(env)).toThrow(key)
    }
  })
})
