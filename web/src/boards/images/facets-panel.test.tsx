import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { Facets } from './facets-panel.tsx';
import { renderAt, searchResponse } from './test-helpers.tsx';

const facet = (legend: string) => screen.getByRole('group', { name: legend });

describe('Facets', () => {
  it('lists each value with its count, checked when it is selected in the URL', () => {
    renderAt('/images?tags=room', (view) => <Facets view={view} response={searchResponse()} />);
    const tags = facet('Tags');
    expect(within(tags).getByRole('checkbox', { name: 'room 1,100' })).toHaveProperty('checked', true);
    expect(within(tags).getByRole('checkbox', { name: 'bed 1,234' })).toHaveProperty('checked', false);
    expect(
      within(facet('Hotels')).getByRole('checkbox', { name: 'Metropole Barcelona Airport 640' }),
    ).toBeTruthy();
    expect(within(facet('Width')).getByRole('checkbox', { name: '1,920–2,559 px 500' })).toBeTruthy();
  });

  it('adds a tag to the URL on a tick, keeping the other tags and every other selection', async () => {
    const { search, user } = renderAt(
      '/images?tz=utc&tags=room&labels=hero&bbox=-12,35,30,60&minWidth=1920&image=img-1',
      (view) => <Facets view={view} response={searchResponse()} />,
    );
    await user.click(within(facet('Tags')).getByRole('checkbox', { name: /^swimming pool/ }));
    expect(search().getAll('tags')).toEqual(['room', 'swimming pool']);
    expect(search().getAll('labels')).toEqual(['hero']);
    expect(search().get('bbox')).toBe('-12,35,30,60');
    expect(search().get('minWidth')).toBe('1920');
    expect(search().get('image')).toBe('img-1');
    expect(search().get('tz')).toBe('utc');

    await user.click(within(facet('Tags')).getByRole('checkbox', { name: /^room/ }));
    expect(search().getAll('tags')).toEqual(['swimming pool']);
    expect(search().getAll('labels')).toEqual(['hero']);
  });

  it('shows a just-chosen value before its count arrives', () => {
    renderAt('/images?tags=sauna', (view) => <Facets view={view} response={searchResponse()} />);
    expect(within(facet('Tags')).getByRole('checkbox', { name: 'sauna …' })).toHaveProperty('checked', true);
  });

  it('writes labels, hotels and orientations as repeated parameters', async () => {
    const { search, user } = renderAt('/images', (view) => (
      <Facets view={view} response={searchResponse()} />
    ));
    await user.click(within(facet('Labels')).getByRole('checkbox', { name: /^hero/ }));
    await user.click(within(facet('Orientation')).getByRole('checkbox', { name: /^portrait/ }));
    await user.click(within(facet('Orientation')).getByRole('checkbox', { name: /^square/ }));
    await user.click(within(facet('Hotels')).getByRole('checkbox', { name: /^Metropole/ }));
    expect(search().toString()).toBe('labels=hero&orientation=portrait&orientation=square&hotel=htl-00001');
  });

  it('selects size classes as one range of minWidth/maxWidth', async () => {
    const { search, user } = renderAt('/images', (view) => (
      <Facets view={view} response={searchResponse()} />
    ));
    await user.click(within(facet('Width')).getByRole('checkbox', { name: /^1,920–2,559 px/ }));
    expect(search().toString()).toBe('minWidth=1920&maxWidth=2560');
    await user.click(within(facet('Width')).getByRole('checkbox', { name: /^3,840 px and up/ }));
    expect(search().toString()).toBe('minWidth=1920');
    expect(within(facet('Width')).getByRole('checkbox', { name: /^2,560–3,839 px/ })).toHaveProperty(
      'checked',
      true,
    );
    await user.click(within(facet('Height')).getByRole('checkbox', { name: /^under 640 px/ }));
    expect(search().get('maxHeight')).toBe('640');
    expect(search().has('minHeight')).toBe(false);
  });

  it('switches between any and all selected tags, and sets the minimum score', async () => {
    const { search, user } = renderAt('/images?tags=bed&tags=room', (view) => (
      <Facets view={view} response={searchResponse()} />
    ));
    await user.click(screen.getByRole('radio', { name: 'all selected tags' }));
    expect(search().get('tagMode')).toBe('all');
    expect(screen.getByText('Images left if you add the tag to those selected.')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'any selected tag' }));
    expect(search().has('tagMode')).toBe(false);

    const score = screen.getByRole('combobox', { name: 'Minimum tag score' });
    expect(within(score).getByRole('option', { selected: true }).textContent).toBe('Default (0.60)');
    await user.selectOptions(score, '0.8');
    expect(search().get('minScore')).toBe('0.8');
    expect(search().getAll('tags')).toEqual(['bed', 'room']);
  });

  it('shows the first ten tags, and all of them on request', async () => {
    const many = Array.from({ length: 14 }, (_, n) => ({
      tag: `tag ${n + 1}`,
      count: 100 - n,
      selected: false,
    }));
    const response = searchResponse();
    const { user } = renderAt('/images?tags=tag+14', (view) => (
      <Facets view={view} response={{ ...response, facets: { ...response.facets, tags: many } }} />
    ));
    // Ten, plus the selected one further down.
    expect(within(facet('Tags')).getAllByRole('checkbox')).toHaveLength(11);
    await user.click(screen.getByRole('button', { name: 'Show all 14' }));
    expect(within(facet('Tags')).getAllByRole('checkbox')).toHaveLength(14);
  });
});
