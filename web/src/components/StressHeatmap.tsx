import { useMemo } from 'react'
import type { StressGridView } from '../../../src/client/index.js'
import { EChart } from '../charts/EChart.js'
import type { ChartOption } from '../charts/echarts.js'
import { formatHealthFactor, formatMove, formatUsd, shortScenarioLabel } from '../format.js'
import { SCAN_RANGE_CHOICES, type Remote, type ScanRangeChoice } from '../useDashboard.js'
import type { Labels } from '../venueLabels.js'
import { CascadeTable } from './CascadeTable.js'
import { ErrorPanel, Loading } from './StatusViews.js'

/** Colour bands of a cell, by health factor after the move. */
const BANDS = [
  { value: 0, label: 'liquidatable', color: '#dc2626' },
  { value: 1, label: 'HF < 1.1', color: '#fb923c' },
  { value: 2, label: '1.1 – 1.5', color: '#fde047' },
  { value: 3, label: '1.5 – 2', color: '#a7f3d0' },
  { value: 4, label: '≥ 2', color: '#34d399' },
  { value: 5, label: 'no debt', color: '#e2e8f0' },
] as const

function bandOf(healthFactor: number | null, liquidatable: boolean): number {
  if (liquidatable) return 0
  if (healthFactor === null) return 5
  if (healthFactor < 1.1) return 1
  if (healthFactor < 1.5) return 2
  if (healthFactor < 2) return 3
  return 4
}

type Cell = { value: [number, number, number]; hf: number | null; liquidatable: boolean; equityUsd: number }

function optionOf(grid: StressGridView, venueIds: readonly string[], labels: Labels): ChartOption {
  const worstId = grid.worst?.scenario.id
  const rows = grid.scenarios.map((s) => (s.scenario.id === worstId ? `▶ ${shortScenarioLabel(s.scenario.label)}` : shortScenarioLabel(s.scenario.label)))
  const cells: Cell[] = []
  grid.scenarios.forEach((s, y) => {
    venueIds.forEach((venueId, x) => {
      const r = s.venues.find((v) => v.venueId === venueId)
      if (!r) return
      cells.push({ value: [x, y, bandOf(r.healthFactor, r.liquidatable)], hf: r.healthFactor, liquidatable: r.liquidatable, equityUsd: r.equityUsd })
    })
  })
  return {
    animation: false,
    grid: { left: 178, right: 8, top: 72, bottom: 8 },
    tooltip: {
      formatter: (p) => {
        const item = (Array.isArray(p) ? p[0] : p) as { data?: Cell } | undefined
        const cell = item?.data
        if (!cell) return ''
        const [x, y] = cell.value
        const scenario = grid.scenarios[y]!
        return [
          `<strong>${scenario.scenario.label}</strong>`,
          labels.venue(venueIds[x]!),
          `Health factor: <strong>${formatHealthFactor(cell.hf)}</strong>${cell.liquidatable ? ' — <span style="color:#dc2626">liquidatable</span>' : ''}`,
          `Venue equity: ${formatUsd(cell.equityUsd)}`,
          `Wallet loss: ${formatUsd(scenario.lossUsd)}`,
        ].join('<br/>')
      },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      // protocol over place: two short lines fit a narrow column
      data: venueIds.map((id) => labels.venue(id).replace(' · ', '\n')),
      axisLabel: { interval: 0, color: '#334155', fontWeight: 'bold', lineHeight: 14 },
      axisTick: { show: false },
      axisLine: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows,
      axisLabel: { interval: 0, color: '#334155', formatter: (v: string) => (v.startsWith('▶') ? `{worst|${v}}` : v), rich: { worst: { fontWeight: 'bold', color: '#b91c1c' } } },
      axisTick: { show: false },
      axisLine: { show: false },
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      top: 0,
      left: 'center',
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { color: '#475569' },
      selectedMode: false,
      pieces: BANDS.map((b) => ({ value: b.value, label: b.label, color: b.color })),
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => ({
          ...c,
          itemStyle: c.liquidatable ? { borderColor: '#7f1d1d', borderWidth: 2 } : { borderColor: '#fff', borderWidth: 1 },
          label: { color: c.liquidatable ? '#fff' : '#1e293b', fontWeight: c.liquidatable ? ('bold' as const) : ('normal' as const) },
        })),
        label: {
          show: true,
          fontSize: 11,
          formatter: (p) => {
            const cell = (p as { data?: Cell }).data
            if (!cell) return ''
            const hf = cell.hf === null ? '∞' : cell.hf >= 10 ? cell.hf.toFixed(0) : cell.hf.toFixed(2)
            return cell.liquidatable ? `✕ ${hf}` : hf
          },
        },
        emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 2 } },
      },
    ],
  }
}

/** The scenarios that lose the wallet the most equity, with how many venues each liquidates. */
function LargestLosses({ grid }: { readonly grid: StressGridView }) {
  const top = [...grid.scenarios].sort((a, b) => b.lossUsd - a.lossUsd).slice(0, 6)
  return (
    <div className="losses">
      <h3>Largest losses</h3>
      <table>
        <thead>
          <tr>
            <th>Scenario</th>
            <th className="num">Loss</th>
            <th className="num">Liquidated</th>
          </tr>
        </thead>
        <tbody>
          {top.map((s) => (
            <tr key={s.scenario.id}>
              <td>
                {shortScenarioLabel(s.scenario.label)}
                {s.scenario.weight !== 1 ? <span className="muted"> · weight {s.scenario.weight}</span> : null}
              </td>
              <td className="num">{formatUsd(s.lossUsd)}</td>
              <td className={`num ${s.liquidatedVenueIds.length > 0 ? 'hf-liquidatable' : 'muted'}`}>{s.liquidatedVenueIds.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The SPAN-style stress grid as a heatmap (scenarios × venues, coloured by
 * health factor after the move, liquidatable cells crossed and outlined), and
 * the liquidation cascade of its worst scenario.
 */
export function StressHeatmap({
  stress,
  venueOrder,
  labels,
  scanRange,
  onScanRange,
}: {
  readonly stress: Remote<StressGridView>
  readonly venueOrder: readonly string[]
  readonly labels: Labels
  readonly scanRange: ScanRangeChoice
  readonly onScanRange: (choice: ScanRangeChoice) => void
}) {
  const grid = stress.kind === 'ok' ? stress.data : stress.kind === 'loading' ? stress.previous : null
  const view = useMemo(() => {
    if (grid === null || grid.scenarios.length === 0) return null
    const present = new Set(grid.scenarios.flatMap((s) => s.venues.map((v) => v.venueId)))
    const venueIds = [...venueOrder.filter((id) => present.has(id)), ...[...present].filter((id) => !venueOrder.includes(id))]
    const liquidatableCells = grid.scenarios.reduce((n, s) => n + s.venues.filter((v) => v.liquidatable).length, 0)
    return { option: optionOf(grid, venueIds, labels), venueIds, liquidatableCells }
  }, [grid, venueOrder, labels])

  return (
    <section className="card" aria-labelledby="stress-title">
      <div className="card-head">
        <h2 id="stress-title">Stress grid</h2>
        <label className="field">
          Scan range
          <select data-testid="scan-range" value={scanRange} onChange={(e) => onScanRange(e.target.value as ScanRangeChoice)}>
            {SCAN_RANGE_CHOICES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {stress.kind === 'error' ? <ErrorPanel error={stress.error} title="The stress grid could not be read" section="stress" /> : null}
      {stress.kind === 'loading' ? <Loading section="stress" label="Running the stress grid…" /> : null}
      {grid ? (
        <div className="stress-summary">
          <span>
            Scanning risk <strong data-testid="scanning-risk">{formatUsd(grid.scanningRiskUsd)}</strong>
          </span>
          <span>
            Scan ranges:{' '}
            {grid.scanRanges.map((r) => (
              <span key={r.riskFactor} className="chip" title={r.source}>
                {r.riskFactor} ±{formatMove(r.scanRange).replace(/^[+−]/, '')}
              </span>
            ))}
          </span>
          {grid.unscannedFactors.length > 0 ? <span className="muted">not scanned: {grid.unscannedFactors.join(', ')}</span> : null}
        </div>
      ) : null}
      {grid && view ? (
        <div className="stress-layout">
          <div className="stress-heatmap" data-testid="stress-heatmap-card" data-scenarios={grid.scenarios.length} data-venues={view.venueIds.length} data-liquidatable-cells={view.liquidatableCells}>
            <EChart option={view.option} height={grid.scenarios.length * 22 + 80} testId="stress-heatmap" ariaLabel="Stress grid: health factor of each venue under each scenario" />
          </div>
          <div className="stress-side">
            <CascadeTable worst={grid.worst} labels={labels} />
            <LargestLosses grid={grid} />
          </div>
        </div>
      ) : null}
      {grid && !view ? <p className="muted">The wallet holds nothing the grid scans.</p> : null}
    </section>
  )
}
