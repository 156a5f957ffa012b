import { lazy, Suspense, useEffect, type ComponentType } from 'react';

/**
 * A chart whose code (recharts, about 100 KB as sent) is not part of the board's first load, so
 * the board stays within its budget (docs/serving.md). The board calls `usePreload()` once it has
 * drawn: the chart's code then arrives in parallel with the chart's data, not after it. Until it
 * has, a placeholder of the chart's height holds the place, so nothing below it jumps.
 */
export function lazyChart<Props extends { height: number }>(
  load: () => Promise<ComponentType<Props>>,
): ComponentType<Props> & { usePreload: () => void } {
  let loading: Promise<{ default: ComponentType<Props> }> | undefined;
  const preload = () => (loading ??= load().then((component) => ({ default: component })));
  const Chart = lazy(preload);
  function LazyChart(props: Props) {
    return (
      <Suspense fallback={<ChartPlaceholder height={props.height} />}>
        <Chart {...props} />
      </Suspense>
    );
  }
  function usePreload() {
    useEffect(() => {
      // A failed load shows in the chart's place when it renders (the route's error boundary).
      preload().catch(() => undefined);
    }, []);
  }
  return Object.assign(LazyChart, { usePreload });
}

function ChartPlaceholder({ height }: { height: number }) {
  return (
    <p className="panel-state chart-placeholder" style={{ minHeight: height }} aria-busy="true">
      Loading chart…
    </p>
  );
}
