import { collectSubFields } from '@graphql-tools/utils'
import { getArgumentValues, getNamedType, isObjectType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql'
import type { PortfolioViewRequest, PortfolioViews, ViewResult } from '../domain/portfolio.js'
import type { MonteCarloParameters } from '../domain/monteCarlo.js'
import { InternalInvariantError } from '../errors/index.js'
import { checkArguments } from './arguments.js'

/** The `Portfolio` fields that are views the engine computes on request, and the view each one needs. */
const VIEW_OF_FIELD = {
  liquidationDistance: 'liquidationDistance',
  firstToLiquidate: 'liquidationDistance',
  stressGrid: 'stressGrid',
  historicalScenarios: 'historicalScenarios',
  customScenarios: 'customScenarios',
  libraryScenarios: 'libraryScenarios',
  sigmaDistance: 'sigmaDistance',
  options: 'options',
  portfolioMargin: 'portfolioMargin',
  hedge: 'hedge',
} as const satisfies Record<string, Exclude<keyof PortfolioViews, 'monteCarlo'>>

/**
 * The views a query asks of the `Portfolio` it resolves, read from the
 * query itself (fragments, aliases and @skip/@include applied): the field at
 * `info` when it returns a Portfolio, or its `Portfolio`-typed subfield
 * `field` (a subscription's `health { portfolio }`). Each `monteCarlo`
 * selection is one run with its own arguments; arguments out of bounds are
 * kept as that run's error, so only that field fails.
 */
export function requestedViews(info: GraphQLResolveInfo, field?: string): PortfolioViewRequest {
  let type = getNamedType(info.returnType)
  let nodes: readonly FieldNode[] = info.fieldNodes
  if (field !== undefined) {
    if (!isObjectType(type)) return {}
    const sub = collectSubFields(info.schema, info.fragments, info.variableValues, type, [...nodes]).fields
    nodes = [...sub.values()].flat().filter((n) => n.name.value === field)
    const next = type.getFields()[field]
    if (!next || nodes.length === 0) return {}
    type = getNamedType(next.type)
  }
  if (!isObjectType(type)) return {}
  return viewsOf(info, type, nodes)
}

function viewsOf(info: GraphQLResolveInfo, portfolio: GraphQLObjectType, nodes: readonly FieldNode[]): PortfolioViewRequest {
  const fields = collectSubFields(info.schema, info.fragments, info.variableValues, portfolio, [...nodes]).fields
  const request: { -readonly [K in keyof PortfolioViewRequest]: PortfolioViewRequest[K] } = {}
  const monteCarlo: { parameters: MonteCarloParameters; invalid?: unknown }[] = []
  for (const [, fieldNodes] of fields) {
    const name = fieldNodes[0]!.name.value
    if (name in VIEW_OF_FIELD) request[VIEW_OF_FIELD[name as keyof typeof VIEW_OF_FIELD]] = true
    if (name !== 'monteCarlo') continue
    const args = getArgumentValues(portfolio.getFields()['monteCarlo']!, fieldNodes[0]!, info.variableValues)
    const parameters = toMonteCarloParameters(args)
    if (monteCarlo.some((m) => monteCarloKey(m.parameters) === monteCarloKey(parameters))) continue
    try {
      checkArguments('monteCarlo', args)
      monteCarlo.push({ parameters })
    } catch (error) {
      monteCarlo.push({ parameters, invalid: error })
    }
  }
  return { ...request, monteCarlo }
}

/** A `monteCarlo` field's arguments as the engine's parameters (omitted and null alike). */
export function toMonteCarloParameters(args: Readonly<Record<string, unknown>>): MonteCarloParameters {
  const pick = <T>(key: string) => (args[key] ?? undefined) as T | undefined
  return {
    paths: pick<number>('paths'),
    confidence: pick<number>('confidence'),
    horizonDays: pick<number>('horizonDays'),
    steps: pick<number>('steps'),
    seed: pick<number>('seed'),
    distribution: pick<MonteCarloParameters['distribution']>('distribution'),
    degreesOfFreedom: pick<number>('degreesOfFreedom'),
    volatilityShock: pick<number>('volatilityShock'),
  }
}

/** One key per distinct set of Monte Carlo settings. */
export function monteCarloKey(p: MonteCarloParameters): string {
  return JSON.stringify([p.paths, p.confidence, p.horizonDays, p.steps, p.seed, p.distribution, p.degreesOfFreedom, p.volatilityShock])
}

/**
 * A view's value for its field's resolver.
 * @throws the error the view failed with (that field's error); InternalInvariantError when the view was not computed for the query that asks it.
 */
export function viewValue<T>(view: ViewResult<T> | null | undefined, name: string): T {
  if (!view) throw new InternalInvariantError(`the ${name} view was not computed for the query that selects it`)
  if (!view.ok) throw view.error
  return view.value
}
