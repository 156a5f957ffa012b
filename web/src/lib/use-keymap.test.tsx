import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { KeysDialog } from '../components/keys-dialog.tsx';
import { KEYMAP } from './keymap.ts';
import { createNowStore, NowContext } from './now.ts';
import { useCloseOnEscape, useKeymap } from './use-keymap.ts';
import { rowOpenProps, useListNavigation } from './use-list-navigation.ts';

const NOW = new Date('2026-11-26T10:43:00.000Z');
const EVENTS = ['e1', 'e2', 'e3'];

/** A board in miniature: a field, a side list, the main list whose rows open a drawer, the keys. */
function Board({ onOpenLink }: { onOpenLink(id: string): void }) {
  const keys = useKeymap();
  const [open, setOpen] = useState<string>();
  const main = useListNavigation(EVENTS, { selected: open, primary: true });
  const side = useListNavigation(['a', 'b']);
  return (
    <>
      <input aria-label="Search" />
      <input aria-label="Find" data-shortcut="find" />
      <ul aria-label="Side" {...side.listProps}>
        {['a', 'b'].map((id) => (
          <li key={id}>
            <a href={`#${id}`} {...side.rowProps(id, { selectable: false })}>
              side {id}
            </a>
          </li>
        ))}
      </ul>
      <table {...main.listProps}>
        <tbody>
          {EVENTS.map((id) => (
            <tr key={id} data-testid={id} {...main.rowProps(id)} onClick={() => setOpen(id)}>
              <td>event {id}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table {...useListNavigation(['l1']).listProps}>
        <tbody>
          <tr data-testid="l1" {...useListNavigation(['l1']).rowProps('l1')}>
            <td>
              <a
                href="#l1"
                {...rowOpenProps}
                onClick={(event) => {
                  event.preventDefault();
                  onOpenLink('l1');
                }}
              >
                link row
              </a>
            </td>
          </tr>
        </tbody>
      </table>
      {open && (
        <Drawer
          id={open}
          onClose={() => {
            setOpen(undefined);
            screen.getByTestId(open).focus();
          }}
        />
      )}
      {keys.helpOpen && <KeysDialog onClose={keys.closeHelp} />}
    </>
  );
}

function Drawer({ id, onClose }: { id: string; onClose(): void }) {
  useCloseOnEscape(onClose);
  return (
    <aside role="dialog" aria-label={`Event ${id}`}>
      <input aria-label="Note" />
    </aside>
  );
}

function renderBoard(url = '/board') {
  const onOpenLink = vi.fn();
  const router = createMemoryRouter([{ path: '/board', element: <Board onOpenLink={onOpenLink} /> }], {
    initialEntries: [url],
  });
  render(
    <NowContext value={createNowStore(NOW)}>
      <RouterProvider router={router} />
    </NowContext>,
  );
  const search = () => new URLSearchParams(router.state.location.search);
  return { user: userEvent.setup(), search, onOpenLink };
}

describe('the keymap', () => {
  it('j enters the main list and moves down, k moves up; the row is focused and selected', async () => {
    const { user } = renderBoard();
    await user.keyboard('j');
    expect(document.activeElement).toBe(screen.getByTestId('e1'));
    await user.keyboard('jj');
    expect(document.activeElement).toBe(screen.getByTestId('e3'));
    // The last row stays the last.
    await user.keyboard('j');
    expect(document.activeElement).toBe(screen.getByTestId('e3'));
    await user.keyboard('k');
    const second = screen.getByTestId('e2');
    expect(document.activeElement).toBe(second);
    expect(second.getAttribute('aria-selected')).toBe('true');
    // One tab stop in the list: the row last visited.
    expect(EVENTS.map((id) => screen.getByTestId(id).tabIndex)).toEqual([-1, 0, -1]);
  });

  it('the arrows move only inside a list, so they still scroll the page elsewhere', async () => {
    const { user } = renderBoard();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(document.body);
    await user.click(screen.getByText('side a'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByText('side b'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByText('side a'));
  });

  it('ignores keys typed in a field: they are text', async () => {
    const { user, search } = renderBoard();
    const field = screen.getByRole('textbox', { name: 'Search' });
    await user.click(field);
    // `[[` is how user-event types a literal `[`.
    await user.keyboard('jk[[]?/');
    expect((field as HTMLInputElement).value).toBe('jk[]?/');
    expect(document.activeElement).toBe(field);
    expect(search().get('from')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('/ focuses the find box without typing the slash into it', async () => {
    const { user } = renderBoard();
    await user.keyboard('/');
    const find = screen.getByRole('textbox', { name: 'Find' });
    expect(document.activeElement).toBe(find);
    expect((find as HTMLInputElement).value).toBe('');
  });

  it('Enter opens the focused row as a click does, and Esc (even from a field) closes it back onto the row', async () => {
    const { user } = renderBoard();
    await user.keyboard('jj{Enter}');
    const drawer = screen.getByRole('dialog', { name: 'Event e2' });
    await user.click(within(drawer).getByRole('textbox', { name: 'Note' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('e2'));
  });

  it("Enter on a row without a click of its own follows the row's main link", async () => {
    const { user, onOpenLink } = renderBoard();
    screen.getByTestId('l1').focus();
    await user.keyboard('{Enter}');
    expect(onOpenLink).toHaveBeenCalledWith('l1');
  });

  it('[ and ] step the range in the URL by its own length, never past now', async () => {
    const { user, search } = renderBoard('/board?from=now-1h&tz=utc');
    await user.keyboard('[[');
    expect(search().get('from')).toBe('2026-11-26T08:43:00.000Z');
    expect(search().get('to')).toBe('2026-11-26T09:43:00.000Z');
    expect(search().get('tz')).toBe('utc');
    await user.keyboard('[[');
    expect(search().get('from')).toBe('2026-11-26T07:43:00.000Z');
    await user.keyboard(']]');
    expect(search().get('from')).toBe('2026-11-26T09:43:00.000Z');
    expect(search().get('to')).toBe('2026-11-26T10:43:00.000Z');
    await user.keyboard(']');
    expect(search().get('to')).toBe('2026-11-26T10:43:00.000Z');
  });

  it('leaves Ctrl and Cmd combinations alone', async () => {
    const { user, search } = renderBoard('/board?from=now-1h');
    await user.keyboard('{Control>}j[[{/Control}{Meta>}]{/Meta}');
    expect(document.activeElement).toBe(document.body);
    expect(search().get('from')).toBe('now-1h');
  });

  it('? lists every binding of the keymap, and Esc closes the list back to where the focus was', async () => {
    const { user } = renderBoard();
    await user.keyboard('j?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(KEYMAP.map((b) => `${b.label}${b.description}`));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('e1'));
  });
});
