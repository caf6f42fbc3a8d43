import { useMemo } from 'react'
import type { HealthCurve, PortfolioView } from '../../../src/client/index.js'
import { EChart } from '../charts/EChart.js'
import type { ChartOption } from '../charts/echarts.js'
import { formatHealthFactor, formatPriceUsd, formatUsd } from '../format.js'
import type { Remote } from '../useDashboard.js'
import type { Labels } from '../venueLabels.js'
import { ErrorPanel, Loading } from './StatusViews.js'

/** Line colours, one per venue in order. */
export const VENUE_COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#ea580c', '#0d9488']

const LIQUIDATION_RED = '#dc2626'

/** Above this health factor a curve is off the chart's scale (a nearly unlevered venue would flatten every other line). */
const MAX_SCALE_HF = 4

type Plotted = { readonly venueId: string; readonly name: string; readonly color: string; readonly curve: HealthCurve['venues'][number] }

/** The chart option: one line per venue with debt, HF = 1 and the liquidatable zone, and each venue's liquidation prices of the factor. */
function optionOf(curve: HealthCurve, plotted: readonly Plotted[], yMax: number): ChartOption {
  const pct = (move: number) => Math.round(move * 1e4) / 100
  const xMin = pct(Math.min(...curve.moves))
  const xMax = pct(Math.max(...curve.moves))
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 56, bottom: 48 },
    legend: { top: 0, type: 'scroll', textStyle: { color: '#334155' } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? formatHealthFactor(value) : '—'),
    },
    xAxis: {
      type: 'value',
      min: xMin,
      max: xMax,
      name: `${curve.riskFactor} move`,
      nameLocation: 'middle',
      nameGap: 30,
      axisLabel: { formatter: (v: number) => `${v > 0 ? '+' : ''}${v}%` },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: yMax,
      name: 'Health factor',
      nameTextStyle: { align: 'left' },
      // at the left edge, not at x = 0 where the move axis crosses zero
      axisLine: { onZero: false, show: true, lineStyle: { color: '#cbd5e1' } },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    series: [
      {
        type: 'line',
        name: 'HF = 1 (liquidation)',
        data: [
          [xMin, 1],
          [xMax, 1],
        ],
        symbol: 'none',
        color: LIQUIDATION_RED,
        lineStyle: { color: LIQUIDATION_RED, type: 'dashed', width: 1.5 },
        tooltip: { show: false },
        silent: true,
        markArea: { silent: true, itemStyle: { color: 'rgba(220, 38, 38, 0.06)' }, data: [[{ yAxis: 0 }, { yAxis: 1 }]] },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#94a3b8', type: 'solid', width: 1 },
          label: { formatter: 'now', position: 'end', color: '#64748b' },
          data: [{ xAxis: 0 }],
        },
      },
      ...plotted.map(({ name, color, curve: v }) => {
        const marks = v.liquidationPrices.filter((p) => p.changePct >= xMin && p.changePct <= xMax)
        return {
          type: 'line' as const,
          name,
          color,
          showSymbol: false,
          clip: true,
          lineStyle: { width: 2.25 },
          data: v.points.map((p) => [pct(p.move), p.healthFactor]),
          markLine: {
            symbol: 'none',
            lineStyle: { color, type: 'dotted' as const, width: 1.5 },
            label: { position: 'insideEndTop' as const, color, fontWeight: 'bold' as const },
            data: marks.map((p) => ({ xAxis: p.changePct, name: formatPriceUsd(p.priceUsd), label: { formatter: `${curve.riskFactor} ${formatPriceUsd(p.priceUsd)}` } })),
          },
          markPoint: {
            symbol: 'circle',
            symbolSize: 9,
            itemStyle: { color, borderColor: '#fff', borderWidth: 1.5 },
            label: { show: false },
            data: marks.map((p) => ({ coord: [p.changePct, 1], name: formatPriceUsd(p.priceUsd), value: p.priceUsd })),
          },
        }
      }),
    ],
  }
}

/**
 * Each venue's health factor as one risk factor moves (−60% … +60%), with
 * HF = 1 and each venue's liquidation price of that factor marked.
 */
export function HealthCurveChart({
  curve,
  portfolio,
  riskFactor,
  onRiskFactor,
  labels,
}: {
  readonly curve: Remote<HealthCurve>
  readonly portfolio: PortfolioView
  readonly riskFactor: string | null
  readonly onRiskFactor: (factor: string) => void
  readonly labels: Labels
}) {
  const data = curve.kind === 'ok' ? curve.data : curve.kind === 'loading' ? curve.previous : null
  const view = useMemo(() => {
    if (data === null) return null
    const withDebt = data.venues.filter((v) => v.points.some((p) => p.healthFactor !== null))
    const plotted: Plotted[] = withDebt.map((v) => ({
      venueId: v.venueId,
      name: labels.venue(v.venueId),
      color: VENUE_COLORS[portfolio.venues.findIndex((x) => x.id === v.venueId) % VENUE_COLORS.length] ?? VENUE_COLORS[0]!,
      curve: v,
    }))
    const values = plotted.flatMap((p) => p.curve.points.map((x) => x.healthFactor).filter((x): x is number => x !== null))
    const inScale = values.filter((x) => x <= MAX_SCALE_HF)
    const yMax = Math.max(2, Math.ceil(Math.max(0, ...inScale) * 2) / 2)
    const offScale = plotted.filter((p) => p.curve.points.every((x) => x.healthFactor === null || x.healthFactor > yMax))
    const noDebt = data.venues.filter((v) => !withDebt.includes(v))
    return { option: optionOf(data, plotted, yMax), plotted, offScale, noDebt }
  }, [data, labels, portfolio.venues])

  return (
    <section className="card" aria-labelledby="curve-title">
      <div className="card-head">
        <h2 id="curve-title">Health factor vs. price move</h2>
        <label className="field">
          Risk factor
          <select data-testid="risk-factor" value={riskFactor ?? ''} onChange={(e) => onRiskFactor(e.target.value)}>
            {portfolio.exposures.map((e) => (
              <option key={e.riskFactor} value={e.riskFactor}>
                {e.riskFactor} · {e.kind.toLowerCase()} · net {formatUsd(e.netUsd)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {curve.kind === 'error' ? <ErrorPanel error={curve.error} title="The health curve could not be read" section="curve" /> : null}
      {curve.kind === 'loading' ? <Loading section="curve" label="Revaluing venues…" /> : null}
      {view ? (
        <>
          <EChart option={view.option} height={380} testId="hf-chart" ariaLabel={`Health factor of each venue as ${data?.riskFactor ?? ''} moves from −60% to +60%`} />
          <p className="chart-note">
            Each venue revalued by its protocol’s own rule, {data?.riskFactor} alone moving; dots mark each venue’s liquidation price.
            {view.offScale.length > 0 ? ` Above the scale: ${view.offScale.map((p) => `${p.name} (HF ${formatHealthFactor(p.curve.healthFactor)})`).join(', ')}.` : ''}
            {view.noDebt.length > 0 ? ` Not plotted (no debt or unavailable): ${view.noDebt.map((v) => labels.venue(v.venueId)).join(', ')}.` : ''}
          </p>
        </>
      ) : null}
    </section>
  )
}
