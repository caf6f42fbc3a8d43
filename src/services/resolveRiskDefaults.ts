import type { AppConfig } from '../config/loadConfig.js'
import type { RiskProfile } from '../domain/riskProfile.js'
import type { ScanRange } from '../domain/stress.js'
import { ConfigError, InvalidArgumentError } from '../errors/index.js'
import { DEFAULT_RISK_PROFILE, DEFAULT_SCAN_RANGES } from '../risk/stress/defaultRiskProfile.js'
import { validateRiskProfile } from './validateRiskProfile.js'
import { checkInput, scanRangeInput } from './inputBounds.js'

/**
 * The server's default risk profile and scan ranges: RISK_PROFILE_FILE's,
 * validated as a request's profile would be (positive vols, correlations in
 * [−1, 1], positive definite), its scan ranges in (0, 1]; factors without a
 * range in the file keep the sourced default range. Without the file, the
 * sourced defaults.
 * @throws ConfigError naming the bad entry of the file.
 */
export function resolveRiskDefaults(config: AppConfig): { profile: RiskProfile; scanRanges: readonly ScanRange[] } {
  const file = config.riskProfileFile
  if (!file) return { profile: DEFAULT_RISK_PROFILE, scanRanges: DEFAULT_SCAN_RANGES }
  const { content } = file
  let profile: RiskProfile
  try {
    profile = validateRiskProfile(content)
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new ConfigError('RISK_PROFILE_FILE', error.shortMessage)
    throw error
  }
  const source = `RISK_PROFILE_FILE ${file.path}`
  const ranges: ScanRange[] = []
  for (const r of content.scanRanges ?? []) {
    try {
      checkInput(scanRangeInput, r, `scanRanges[${r.riskFactor.slice(0, 32)}]`)
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new ConfigError('RISK_PROFILE_FILE', error.shortMessage)
      throw error
    }
    if (ranges.some((x) => x.riskFactor === r.riskFactor)) throw new ConfigError('RISK_PROFILE_FILE', `scanRanges[${r.riskFactor}] is given twice`)
    ranges.push({ riskFactor: r.riskFactor, scanRange: r.scanRange, source })
  }
  return {
    profile: { ...profile, sources: content.sources && content.sources.length > 0 ? content.sources : [source] },
    scanRanges: [...ranges, ...DEFAULT_SCAN_RANGES.filter((d) => !ranges.some((x) => x.riskFactor === d.riskFactor))],
  }
}
