import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config/loadConfig.js'
import { ConfigError } from '../errors/index.js'
import { DEFAULT_RISK_PROFILE, DEFAULT_SCAN_RANGES } from '../risk/stress/defaultRiskProfile.js'
import { resolveRiskDefaults } from './resolveRiskDefaults.js'
import { validateRiskProfile } from './validateRiskProfile.js'

const EXAMPLE = path.resolve(import.meta.dirname, '..', '..', 'data', 'risk-profile.example.json')
const SOURCES = path.resolve(import.meta.dirname, '..', '..', 'data', 'risk-profile-sources.md')

function withFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'xmargin-profile-')), 'profile.json')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

describe('the default risk profile from RISK_PROFILE_FILE', () => {
  it('without the file: the sourced defaults', () => {
    expect(resolveRiskDefaults(loadConfig({}))).toEqual({ profile: DEFAULT_RISK_PROFILE, scanRanges: DEFAULT_SCAN_RANGES })
  })

  it('the shipped example is the sourced default profile, in file form', () => {
    const { profile, scanRanges } = resolveRiskDefaults(loadConfig({ RISK_PROFILE_FILE: EXAMPLE }))
    expect(profile.factors).toEqual(DEFAULT_RISK_PROFILE.factors)
    expect(profile.annualizedVols).toEqual(DEFAULT_RISK_PROFILE.annualizedVols)
    expect(profile.correlation).toEqual(DEFAULT_RISK_PROFILE.correlation)
    expect(scanRanges.map((r) => [r.riskFactor, r.scanRange])).toEqual(DEFAULT_SCAN_RANGES.map((r) => [r.riskFactor, r.scanRange]))
  })

  it('the sourced default is a profile the engine accepts (positive definite), and each vol is the one its source table lists', () => {
    const p = DEFAULT_RISK_PROFILE
    const asInput = {
      factors: p.factors.map((riskFactor, i) => ({ riskFactor, annualizedVol: p.annualizedVols[i]! })),
      correlations: p.factors.flatMap((a, i) => p.factors.slice(i + 1).map((b, k) => ({ a, b, rho: p.correlation[i]![i + 1 + k]! }))),
    }
    expect(validateRiskProfile(asInput).correlation).toEqual(p.correlation)
    // data/risk-profile-sources.md: | factor | annualized vol | window | source id |
    const listed = new Map(
      [...readFileSync(SOURCES, 'utf8').matchAll(/^\| ([A-Z_]+) \| ([0-9.]+) \| [^|]+ \| ([SV][0-9]+) \|$/gm)].map((m) => [m[1]!, Number(m[2])]),
    )
    expect([...listed.keys()].sort()).toEqual([...p.factors].sort())
    p.factors.forEach((f, i) => expect(listed.get(f), f).toBe(p.annualizedVols[i]))
  })

  it('a file of your own: its vols, correlations and ranges, its sources; the other ranges stay sourced', () => {
    const file = withFile({ factors: [{ riskFactor: 'ETH', annualizedVol: 0.9 }, { riskFactor: 'USDC', annualizedVol: 0.02 }], correlations: [{ a: 'ETH', b: 'USDC', rho: -0.1 }], scanRanges: [{ riskFactor: 'ETH', scanRange: 0.15 }] })
    const { profile, scanRanges } = resolveRiskDefaults(loadConfig({ RISK_PROFILE_FILE: file }))
    expect(profile).toMatchObject({ factors: ['ETH', 'USDC'], annualizedVols: [0.9, 0.02], correlation: [[1, -0.1], [-0.1, 1]] })
    expect(profile.sources).toEqual([`RISK_PROFILE_FILE ${file}`])
    expect(scanRanges.find((r) => r.riskFactor === 'ETH')).toMatchObject({ scanRange: 0.15 })
    expect(scanRanges.find((r) => r.riskFactor === 'BTC')).toMatchObject({ scanRange: 0.066 })
  })

  it('a bad file stops the server naming the entry', () => {
    const bad = (content: unknown) => () => resolveRiskDefaults(loadConfig({ RISK_PROFILE_FILE: withFile(content) }))
    expect(bad('{ not json')).toThrow(ConfigError)
    expect(bad({ factors: [] })).toThrow(/RISK_PROFILE_FILE.*factors/)
    expect(bad({ factors: [{ riskFactor: 'ETH', annualizedVol: -1 }] })).toThrow(/annualizedVol/)
    expect(bad({ factors: [{ riskFactor: 'A', annualizedVol: 1 }, { riskFactor: 'B', annualizedVol: 1 }, { riskFactor: 'C', annualizedVol: 1 }], correlations: [{ a: 'A', b: 'B', rho: 0.9 }, { a: 'A', b: 'C', rho: 0.9 }, { a: 'B', b: 'C', rho: -0.9 }] })).toThrow(/positive definite/)
    expect(bad({ factors: [{ riskFactor: 'ETH', annualizedVol: 1 }], scanRanges: [{ riskFactor: 'ETH', scanRange: 2 }] })).toThrow(/scanRanges\[ETH\]/)
    expect(() => loadConfig({ RISK_PROFILE_FILE: '/nonexistent/profile.json' })).toThrow(ConfigError)
  })
})
