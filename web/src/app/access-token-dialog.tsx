import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ACCESS_TOKEN_KEY, ACCESS_TOKEN_REQUIRED_EVENT } from '../lib/api.ts';
import './access-token-dialog.css';

type Asking = 'no' | 'first-time' | 'refused';

/**
 * Token mode (ACCESS_MODE=token): when the BFF answers 401 asking for a bearer token, ask the
 * person for it, keep it for this tab only, and load every panel again with it.
 */
export function AccessTokenDialog() {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Asking>('no');
  const titleId = useId();

  useEffect(() => {
    // A token already in this tab that still gets a 401 was refused (or revoked).
    const onRequired = () => setAsking(sessionStorage.getItem(ACCESS_TOKEN_KEY) ? 'refused' : 'first-time');
    window.addEventListener(ACCESS_TOKEN_REQUIRED_EVENT, onRequired);
    return () => window.removeEventListener(ACCESS_TOKEN_REQUIRED_EVENT, onRequired);
  }, []);

  if (asking === 'no') return null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = new FormData(event.currentTarget).get('token');
    if (typeof token !== 'string' || token.trim() === '') return;
    sessionStorage.setItem(ACCESS_TOKEN_KEY, token.trim());
    setAsking('no');
    void queryClient.resetQueries();
  };

  return (
    <div className="modal-overlay access-overlay">
      <form
        className="modal-dialog access-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={submit}
      >
        <h2 id={titleId}>Access token needed</h2>
        <p>This Lookout is protected. Enter the access token you were given; it is kept in this tab only.</p>
        {asking === 'refused' && (
          <p className="access-refused" role="alert">
            The token was not accepted. Check it and try again.
          </p>
        )}
        <label>
          Access token
          <input name="token" type="password" autoComplete="off" spellCheck={false} required autoFocus />
        </label>
        <button type="submit">Open Lookout</button>
      </form>
    </div>
  );
}
