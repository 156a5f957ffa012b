import { Link, useLocation } from 'react-router';
import { BOARDS } from './boards.ts';

export function NotFoundPage() {
  const { pathname, search } = useLocation();
  return (
    <div className="not-found">
      <title>Not found · Lookout</title>
      <h1>Page not found</h1>
      <p>
        There is no board at <code>{pathname}</code>. The boards are:
      </p>
      <ul>
        {BOARDS.map((board) => (
          <li key={board.path}>
            <Link to={{ pathname: board.path, search }}>{board.title}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
