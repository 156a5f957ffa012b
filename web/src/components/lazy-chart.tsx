import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A chart whose code (recharts, about 60 KB as sent) is fetched when the first chart draws, not
 * with the board: the board's first load stays within its budget (docs/serving.md). Until the
 * chunk arrives a placeholder of the chart's height holds the place, so nothing below it jumps.
 */
export function lazyChart<Props extends { height: number }>(
  load: () => Promise<ComponentType<Props>>,
): ComponentType<Props> {
  const Chart = lazy(async () => ({ default: await load() }));
  function LazyChart(props: Props) {
    return (
      <Suspense fallback={<ChartPlaceholder height={props.height} />}>
        <Chart {...props} />
      </Suspense>
    );
  }
  return LazyChart;
}

function ChartPlaceholder({ height }: { height: number }) {
  return (
    <p className="panel-state chart-placeholder" style={{ minHeight: height }} aria-busy="true">
      Loading chart…
    </p>
  );
}
