import { useEffect } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { CopyLinkButton } from '../components/copy-link-button.tsx';
import { KeysDialog } from '../components/keys-dialog.tsx';
import { RefreshSelect } from '../components/refresh-select.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { TimeZoneSelect } from '../components/time-zone-select.tsx';
import { Toaster } from '../components/toast.tsx';
import { formatClock, formatRange } from '../lib/format-time.ts';
import { useNowStore } from '../lib/now.ts';
import { useKeymap } from '../lib/use-keymap.ts';
import { describeIgnored } from '../lib/time-range.ts';
import { useRefreshInterval, useResolvedTimeRange, useTimeRange } from '../lib/use-time-range.ts';
import { AccessTokenDialog } from './access-token-dialog.tsx';
import { BOARDS } from './boards.ts';
import { FindBox } from './find-box.tsx';
import { HealthBanner, HealthIndicator } from './health-banner.tsx';

export function AppLayout() {
  useAdvancingNow();
  const { search } = useLocation();
  const navigation = useNavigation();
  const keys = useKeymap();

  return (
    <div className="app">
      <header className="app-header">
        <div className="header-row">
          <Link to={{ pathname: '/', search }} className="brand">
            Lookout
          </Link>
          {/* Links carry the whole query string: switching boards keeps the range and zone. */}
          <nav aria-label="Boards" className="board-nav">
            {BOARDS.map((board) => (
              <NavLink key={board.path} to={{ pathname: board.path, search }}>
                {board.title}
              </NavLink>
            ))}
          </nav>
          <FindBox />
          <HealthIndicator />
        </div>
        <div className="header-row header-controls">
          <TimeRangePicker />
          <CopyLinkButton />
          <RefreshSelect />
          <TimeZoneSelect />
          <ResolvedRange />
          <button type="button" className="keys-button" onClick={keys.openHelp} aria-keyshortcuts="?">
            Keys <kbd aria-hidden="true">?</kbd>
          </button>
        </div>
      </header>
      <HealthBanner />
      <IgnoredParamsNotice />
      <main className="board" aria-busy={navigation.state === 'loading'}>
        <Outlet />
      </main>
      <Toaster />
      <AccessTokenDialog />
      {keys.helpOpen && <KeysDialog onClose={keys.closeHelp} />}
    </div>
  );
}

/**
 * Moves the shared "now" forward on every navigation (a new range or board resolves against
 * the current time) and on every auto-refresh tick, in step with the panels' refetch interval.
 */
function useAdvancingNow() {
  const store = useNowStore();
  const { key } = useLocation();
  const refreshMs = useRefreshInterval();

  useEffect(() => {
    store.advance(new Date());
  }, [store, key]);

  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => store.advance(new Date()), refreshMs);
    return () => clearInterval(timer);
  }, [store, refreshMs]);
}

function ResolvedRange() {
  const { tz } = useTimeRange();
  const { from, to, now } = useResolvedTimeRange();
  return (
    <p className="resolved-range">
      <span data-testid="resolved-range">{formatRange(from, to, tz, 'second')}</span>
      <span className="updated">Updated {formatClock(now, tz)}</span>
    </p>
  );
}

function IgnoredParamsNotice() {
  const { ignored } = useTimeRange();
  if (ignored.length === 0) return null;
  return (
    <div className="banner banner-notice" role="status">
      {ignored.map(describeIgnored).join('; ')} — using the default instead.
    </div>
  );
}
