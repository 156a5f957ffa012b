import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { silentProgress } from '../src/core/progress.ts';
import type { FindResponse } from '../src/core/find-schema.ts';
import { cloudtrailBoard } from '../src/boards/cloudtrail/board.ts';
import { containersBoard } from '../src/boards/containers/board.ts';
import { deploymentsBoard } from '../src/boards/deployments/board.ts';
import { imagesBoard } from '../src/boards/images/board.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';

const boards = [cloudtrailBoard, containersBoard, deploymentsBoard, imagesBoard];
const NOW = new Date('2026-11-26T12:00:00Z');
const LAST_DAY = `from=2026-11-25T12:00:00.000Z&to=2026-11-26T12:01:00.000Z`;
// A range long before the demo data: only ids found at any age can match in it.
const LONG_AGO = `from=2025-01-01T00:00:00.000Z&to=2025-01-02T00:00:00.000Z`;

describe('find: a pasted value across the boards, over demo data in the real engine', () => {
  const name = uniqueIndex('lookout-find');
  const env = {
    CLOUDTRAIL_INDEX_PREFIX: `${name}-ct-`,
    ECS_EVENTS_INDEX: `${name}-ecs`,
    CONTAINER_LOGS_INDEX: `${name}-clogs-*`,
    DEPLOYMENTS_INDEX: `${name}-deploys`,
    IMAGES_INDEX: `${name}-images`,
  };
  const config = testConfig(env);
  let client: Client;
  let app: FastifyInstance;

  const find = async (q: string, range = LAST_DAY) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/find?q=${encodeURIComponent(q)}&${range}`,
    });
    return { status: response.statusCode, body: response.json<FindResponse>() };
  };
  const firstSource = async (index: string, field: string, query: object = { exists: { field } }) => {
    const response = await client.search<Record<string, unknown>>({
      index,
      size: 1,
      query,
      sort: [{ [field]: 'asc' }],
      _source: [field],
    });
    return response.hits.hits[0]!.sort![0] as string;
  };

  beforeAll(async () => {
    client = createEsClient(config.es);
    // Only the templates of this file's indices (not the alert or checkpoint indices).
    const templates = boards
      .flatMap((board) => board.indexTemplates(config))
      .filter((template) =>
        [template.body.index_patterns].flat().every((pattern) => pattern?.startsWith(name)),
      );
    await installIndexTemplates(
      client,
      templates.map((template) => ({
        name: `${template.name}-${name}`,
        body: { ...template.body, priority: 400 },
      })),
    );
    for (const board of boards) {
      await board.demo!.seed({
        client,
        config,
        options: { days: 1, scale: 0.25, seed: 7, now: NOW },
        progress: silentProgress,
      });
    }
    await client.indices.refresh({ index: `${name}-*` });
    app = await testApp(env, { boards });
  });

  afterAll(async () => {
    await app?.close();
    const indices = await client.indices.resolveIndex({ name: `${name}-*` });
    const names = indices.indices.map((index) => index.name);
    if (names.length > 0) await client.indices.delete({ index: names });
    await client.indices.deleteIndexTemplate({ name: `*-${name}` });
    await client.close();
  });

  it('finds a CloudTrail eventID at any age and links to the board with that event open', async () => {
    const eventID = await firstSource(`${name}-ct-*`, 'eventID');
    const { status, body } = await find(eventID, LONG_AGO);
    expect(status).toBe(200);
    expect(body.recognised.map((shape) => shape.shape)).toContain('uuid');
    const hit = body.results.find((result) => result.what === 'eventID');
    expect(hit).toMatchObject({ board: 'cloudtrail', count: 1, anyAge: true });
    const link = new URL(hit!.link, 'http://lookout');
    expect(link.pathname).toBe('/cloudtrail');
    expect(link.searchParams.get('event')).toBe(eventID);
    // The board opens on an hour either side of the event, so the list holds it too.
    const eventMs = Date.parse(hit!.newest!);
    expect(Date.parse(link.searchParams.get('from')!)).toBe(eventMs - 3_600_000);
  });

  it('finds a source IP in the range, newest first, linked to the sourceIp filter', async () => {
    const ip = await firstSource(`${name}-ct-*`, 'lookout.sourceIp');
    const { body } = await find(ip);
    expect(body.recognised.map((shape) => shape.shape)).toEqual([ip.includes(':') ? 'ipv6' : 'ipv4']);
    const hit = body.results.find((result) => result.what === 'source IP');
    const { count } = await client.count({
      index: `${name}-ct-*`,
      query: {
        bool: {
          filter: [
            { term: { 'lookout.sourceIp': ip } },
            { range: { '@timestamp': { gte: '2026-11-25T12:00:00.000Z', lt: '2026-11-26T12:01:00.000Z' } } },
          ],
        },
      },
    });
    expect(hit).toMatchObject({ board: 'cloudtrail', count });
    expect(new URL(hit!.link, 'http://lookout').searchParams.get('sourceIp')).toBe(ip);
    // An IP is never sent to the boards that cannot hold one as an address, nor breaks them.
    expect(body.searched.boards).toEqual(['cloudtrail', 'containers', 'deployments', 'images']);
  });

  it('finds an access key id, and its link lists exactly those events', async () => {
    const field = 'userIdentity.accessKeyId';
    // Some demo callers (AWS services) carry an empty access key id.
    const accessKeyId = await firstSource(`${name}-ct-*`, field, { prefix: { [field]: 'A' } });
    const { body } = await find(accessKeyId);
    const hit = body.results.find((result) => result.what === 'access key id');
    expect(hit).toMatchObject({ board: 'cloudtrail' });
    // The board's events list, with the parameters of the link, holds the same events.
    const link = new URL(hit!.link, 'http://lookout');
    const events = await app.inject({ method: 'GET', url: `/api/cloudtrail/events${link.search}` });
    expect(events.json<{ total: number }>().total).toBe(hit!.count);
  });

  it('finds a task by its id and by its ARN, linked to its failure page', async () => {
    const taskArn = await firstSource(`${name}-ecs`, 'lookout.taskArn');
    const taskId = taskArn.split('/').at(-1)!;
    for (const pasted of [taskId, taskArn]) {
      const { body } = await find(pasted, LONG_AGO);
      const hit = body.results.find((result) => result.what === 'task');
      expect(hit, pasted).toMatchObject({ board: 'containers', anyAge: true });
      expect(hit!.link.startsWith(`/containers/failures/${taskId}`)).toBe(true);
    }
  });

  it('finds an image by its id, linked to the image drawer', async () => {
    const imageId = await firstSource(`${name}-images`, 'imageId');
    const { body } = await find(imageId);
    expect(body.results).toContainEqual(
      expect.objectContaining({
        board: 'images',
        what: 'image',
        count: 1,
        link: `/images?image=${encodeURIComponent(imageId)}`,
      }),
    );
  });

  it('says which boards and which range it searched when nothing matches', async () => {
    const { status, body } = await find('no-such-value-anywhere');
    expect(status).toBe(200);
    expect(body).toEqual({
      q: 'no-such-value-anywhere',
      recognised: [],
      results: [],
      searched: {
        boards: ['cloudtrail', 'containers', 'deployments', 'images'],
        from: '2026-11-25T12:00:00.000Z',
        to: '2026-11-26T12:01:00.000Z',
      },
    });
  });

  // The same demo data serves the other boards' exports: each file holds what its list counts.
  it.each([
    ['/api/deployments/failures', 'deployments-failures-20261125T1200Z-20261126T1201Z.csv'],
    ['/api/images/search', 'images-images.csv'],
  ])('exports %s whole: as many rows as the list counts', async (url, fileName) => {
    // Image metadata has no time range.
    const range = url.startsWith('/api/images') ? '' : `${LAST_DAY}&`;
    const list = await app.inject({ method: 'GET', url: `${url}?${range}size=1` });
    const exported = await app.inject({ method: 'GET', url: `${url}?${range}format=csv` });
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    const rows = exported.body
      .split('\r\n')
      .filter((line) => line !== '')
      .slice(1);
    expect(list.json<{ total: number }>().total).toBeGreaterThan(0);
    expect(rows).toHaveLength(list.json<{ total: number }>().total);
  });

  it('exports container failures with their first error line, one row per failure event', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/containers/failures?${LAST_DAY}&format=csv`,
    });
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = response.body.split('\r\n').filter((line) => line !== '');
    expect(header).toContain('taskId,taskArn,cluster,service');
    const { count } = await client.count({
      index: `${name}-ecs`,
      query: { exists: { field: 'lookout.failureReason' } },
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(count);
  });

  it('answers 400 naming q when it is empty', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/find?q=' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/q/);
  });
});
