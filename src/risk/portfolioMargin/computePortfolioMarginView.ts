import type { RiskFactorExposure } from '../../domain/portfolio.js'
import type { PortfolioMarginView } from '../../domain/portfolioMargin.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { ScanRange } from '../../domain/stress.js'
import type { OptionBook } from '../options/optionBook.js'
import { computeExposures } from '../portfolio/computeExposures.js'
import { tableRequirementUsd, type CollateralFactorTable } from '../portfolio/computeOneAccountView.js'
import type { VenueModel } from '../venueModel.js'
import { compareScanRanges } from './compareScanRanges.js'
import { computeCapitalFreed } from './computeCapitalFreed.js'
import { computePortfolioMargin } from './computePortfolioMargin.js'
import { optionLegsBook } from './optionLegsBook.js'
import { toSpanParameters, type SpanParameterOverrides } from './spanParameters.js'
import { venueBook } from './venueBook.js'

/**
 * The wallet's risk-based portfolio margin (CME SPAN scanning risk with
 * xmargin's all-factor scan; computePortfolioMargin), over the factors it
 * holds (venue exposures, base and ratio, and the option legs' factors) that
 * have a price scan range in `ranges` (the request's first, then the
 * server's sourced ones); other held factors are not scanned and are listed
 * in `unscannedFactors`.
 * - venues: each venue a book (its equity by its own model), capital freed
 *   against each protocol's own maintenance margin and the haircut table's
 *   requirement (tableRequirementUsd, the one-account lens's rule), per
 *   venue and netted (computeCapitalFreed);
 * - withOptionLegs: the venues and the legs as one account.
 * @throws InvalidArgumentError for overrides out of range (validateSpanParameters).
 */
export function computePortfolioMarginView(
  models: readonly VenueModel[],
  exposures: readonly RiskFactorExposure[],
  table: CollateralFactorTable,
  ranges: readonly ScanRange[],
  overrides: SpanParameterOverrides,
  book: OptionBook | null,
): PortfolioMarginView {
  const held = new Set<RiskFactorId>([...exposures.filter((e) => e.longUsd !== 0 || e.shortUsd !== 0).map((e) => e.riskFactor), ...(book?.factors ?? [])])
  const used = ranges.filter((r, i) => held.has(r.riskFactor) && ranges.findIndex((x) => x.riskFactor === r.riskFactor) === i)
  const parameters = toSpanParameters(used, overrides)
  const books = models.map(venueBook)
  const venues = computeCapitalFreed(books, parameters, {
    protocolMaintenanceMarginUsd: new Map(models.map((m) => [m.venue.id, m.venue.margin.maintenanceMarginUsd])),
    tableRequirementUsd: new Map(models.map((m) => [m.venue.id, tableRequirementUsd(computeExposures([m.venue]), table)])),
    nettedTableRequirementUsd: tableRequirementUsd(exposures, table),
  })
  return {
    parameters,
    venues,
    withOptionLegs: book === null ? null : computePortfolioMargin([...books, optionLegsBook(book, parameters)], parameters),
    scanRangeComparison: compareScanRanges(used),
    unscannedFactors: [...held].filter((f) => !used.some((r) => r.riskFactor === f)).sort(),
  }
}
