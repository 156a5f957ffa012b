import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { TagSearch } from './tag-search.tsx';
import { renderAt } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const vocabulary = [
  { tag: 'property', count: 15284 },
  { tag: 'swimming pool', count: 1221 },
  { tag: 'pool table', count: 40 },
  { tag: 'whirlpool', count: 12 },
];

function stubTags() {
  return stubApi((url) => {
    const prefix = url.searchParams.get('prefix') ?? '';
    // As the server answers: tags with a word that starts with the prefix.
    const tags = vocabulary.filter((t) => t.tag.split(' ').some((word) => word.startsWith(prefix)));
    return { minScore: 0.6, tags };
  });
}

describe('TagSearch', () => {
  it('suggests "swimming pool" with its count for "pool", and adds it to the selection', async () => {
    const fetchMock = stubTags();
    const { search, user } = renderAt('/images?tags=bed&minScore=0.7', (view) => <TagSearch view={view} />);
    await user.type(screen.getByRole('combobox', { name: 'Search tags' }), 'pool');
    const option = await screen.findByRole('option', { name: /^swimming pool/ });
    expect(option.textContent).toBe('swimming pool 1,221 images');

    // One request per pause in typing, not per key; the score threshold of the view applies.
    const prefixes = requestedUrls(fetchMock).map((url) => url.searchParams.get('prefix'));
    expect(prefixes.filter((p) => p !== null)).toEqual(['pool']);
    expect(requestedUrls(fetchMock).every((url) => url.searchParams.get('minScore') === '0.7')).toBe(true);

    await user.click(option);
    expect(search().getAll('tags')).toEqual(['bed', 'swimming pool']);
    expect((screen.getByRole('combobox', { name: 'Search tags' }) as HTMLInputElement).value).toBe('');
  });

  it('chooses with the arrow keys and Enter, and closes the list with Escape', async () => {
    stubTags();
    const { search, user } = renderAt('/images', (view) => <TagSearch view={view} />);
    const box = screen.getByRole('combobox', { name: 'Search tags' });
    await user.type(box, 'pool');
    await screen.findByRole('option', { name: /^swimming pool/ });
    await user.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(
      screen.getByRole('option', { name: /^swimming pool/ }).id,
    );
    await user.keyboard('{Enter}');
    expect(search().getAll('tags')).toEqual(['swimming pool']);

    await user.type(box, 'prop');
    await screen.findByRole('option', { name: /^property/ });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('says when no tag matches', async () => {
    stubTags();
    const { user } = renderAt('/images', (view) => <TagSearch view={view} />);
    await user.type(screen.getByRole('combobox', { name: 'Search tags' }), 'igloo');
    expect(await screen.findByText('No tag matches “igloo” at the current minimum score.')).toBeTruthy();
  });
});
