import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Catches what a board did not: a render error, or a board chunk that failed to load. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);

  return (
    <div className="route-error" role="alert">
      <title>Error · Lookout</title>
      <h1>Something went wrong</h1>
      <pre className="route-error-message">{message}</pre>
      {/* After a deploy the old chunk names are gone; a reload fetches the new ones. */}
      <p>Reloading usually helps, especially if Lookout was updated while this page was open.</p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
