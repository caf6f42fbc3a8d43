import type { CapitalFreed, SpanParameters, VenueCapitalFreed } from '../../domain/portfolioMargin.js'
import { InvalidArgumentError } from '../../errors/index.js'
import type { Book } from './book.js'
import { combineValuations, valueBooks } from './computePortfolioMargin.js'
import { validateSpanParameters } from './spanParameters.js'

/**
 * What the other rules ask of each venue, USD, keyed by book id:
 * - `protocolMaintenanceMarginUsd`: the protocol's own maintenance margin of the venue;
 * - `tableRequirementUsd`: the haircut table's requirement of the venue on its own;
 * - `nettedTableRequirementUsd`: the haircut table's requirement of all venues netted as one account.
 */
export type OtherRequirements = {
  readonly protocolMaintenanceMarginUsd: ReadonlyMap<string, number>
  readonly tableRequirementUsd: ReadonlyMap<string, number>
  readonly nettedTableRequirementUsd: number
}

/**
 * The capital one portfolio-margined account would free, per venue and in
 * total, with the risk-based requirement R (computePortfolioMargin's
 * `requirementUsd`: SPAN with xmargin's all-factor scan). USD.
 * Per venue v (its book alone):
 *   capitalFreedVsProtocol_v = protocolMaintenanceMargin_v − R(v);
 *   capitalFreedVsTable_v = tableRequirement_v − R(v).
 * In total:
 *   nettingBenefit = Σ_v R(v) − R(netted) ≥ 0 (like for like: R is
 *     subadditive, each factor's worst loss, short option minimum and
 *     all-factor worst loss being subadditive over books);
 *   capitalFreedVsProtocol = Σ_v protocolMaintenanceMargin_v − R(netted)
 *     (two rules: negative where the protocols ask less);
 *   capitalFreedVsTable = nettedTableRequirement − R(netted) (the same one
 *     account under the haircut table and under the risk-based rule).
 * Each book is valued once; its requirement alone and the netted one come
 * from the same valuations.
 * @throws InvalidArgumentError for duplicate book ids, a book missing from
 *   `other`, a requirement that is not a finite amount ≥ 0, or parameters
 *   out of range.
 * @throws InternalInvariantError as computePortfolioMargin.
 */
export function computeCapitalFreed(books: readonly Book[], parameters: SpanParameters, other: OtherRequirements): CapitalFreed {
  validateSpanParameters(parameters)
  const ids = new Set<string>()
  for (const b of books) {
    if (ids.has(b.id)) throw new InvalidArgumentError(`books[${b.id}]`, 'is given twice; give each venue once')
    ids.add(b.id)
  }
  const amount = (map: ReadonlyMap<string, number>, field: string, id: string) => {
    const x = map.get(id)
    if (x === undefined) throw new InvalidArgumentError(`${field}[${id}]`, 'is missing; give one for every venue')
    return checkedUsd(x, `${field}[${id}]`)
  }
  const nettedTableRequirementUsd = checkedUsd(other.nettedTableRequirementUsd, 'nettedTableRequirementUsd')

  const valuations = valueBooks(books, parameters)
  const netted = combineValuations(valuations, parameters)
  const venues = valuations.map((v): VenueCapitalFreed => {
    const alone = combineValuations([v], parameters)
    const protocolMaintenanceMarginUsd = amount(other.protocolMaintenanceMarginUsd, 'protocolMaintenanceMarginUsd', v.bookId)
    const tableRequirementUsd = amount(other.tableRequirementUsd, 'tableRequirementUsd', v.bookId)
    return {
      bookId: v.bookId,
      alone,
      requirementUsd: alone.requirementUsd,
      protocolMaintenanceMarginUsd,
      capitalFreedVsProtocolUsd: protocolMaintenanceMarginUsd - alone.requirementUsd,
      tableRequirementUsd,
      capitalFreedVsTableUsd: tableRequirementUsd - alone.requirementUsd,
    }
  })
  const separateRequirementUsd = sum(venues.map((v) => v.requirementUsd))
  const protocolMaintenanceMarginUsd = sum(venues.map((v) => v.protocolMaintenanceMarginUsd))
  return {
    venues,
    netted,
    separateRequirementUsd,
    nettingBenefitUsd: separateRequirementUsd - netted.requirementUsd,
    protocolMaintenanceMarginUsd,
    capitalFreedVsProtocolUsd: protocolMaintenanceMarginUsd - netted.requirementUsd,
    separateTableRequirementUsd: sum(venues.map((v) => v.tableRequirementUsd)),
    nettedTableRequirementUsd,
    capitalFreedVsTableUsd: nettedTableRequirementUsd - netted.requirementUsd,
  }
}

function checkedUsd(x: number, field: string): number {
  if (!(Number.isFinite(x) && x >= 0)) throw new InvalidArgumentError(field, `must be a finite USD amount ≥ 0, got ${x}`)
  return x
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0)
}
