import { useEffect, useRef } from 'react'
import { echarts, type ChartOption } from './echarts.js'

export type EChartProps = {
  /** The full option; the chart is redrawn from scratch whenever it changes. */
  readonly option: ChartOption
  /** Height, px (the width follows the container). */
  readonly height: number
  /** `data-testid` of the chart's container. */
  readonly testId: string
  /** Accessible description of what the chart shows. */
  readonly ariaLabel: string
}

/**
 * One ECharts instance in a div, resized with its container. Sets
 * `data-rendered="true"` on the container once the chart has finished
 * drawing its current option (the browser tests wait on it).
 */
export function EChart({ option, height, testId, ariaLabel }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const instance = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = instance
    instance.on('finished', () => el.setAttribute('data-rendered', 'true'))
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    ref.current?.setAttribute('data-rendered', 'false')
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={ref} className="chart" style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel} />
}
