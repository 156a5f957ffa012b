import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flatSettings } from '../../es/cluster-stats.ts';
import { explanationText, shapeHealth, shapeNodes } from './shape.ts';
import { parseWatermarks } from './watermarks.ts';

/** Responses recorded from Elasticsearch 9.2 (one node, an index with a replica it cannot place). */
const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.response.json`, import.meta.url), 'utf8'));

describe('health shaping from recorded engine answers', () => {
  const watermarks = parseWatermarks(flatSettings(recorded('watermarks-defaults')));
  const nodes = shapeNodes(recorded('node-stats'), recorded('allocation'), watermarks);

  it('joins node stats and allocation by node name, with the watermarks in bytes of that disk', () => {
    const allocation = recorded('allocation')[0];
    type NodeStats = { jvm: { mem: { heap_used_percent: number } }; os: { cpu: { percent: number } } };
    const stats = Object.values(recorded('node-stats').nodes as Record<string, NodeStats>)[0]!;
    expect(nodes).toHaveLength(1);
    const [node] = nodes;
    expect(node).toMatchObject({
      name: 'lookout-dev',
      heapPercent: stats.jvm.mem.heap_used_percent,
      cpuPercent: stats.os.cpu.percent,
      disk: { totalBytes: Number(allocation['disk.total']), usedBytes: Number(allocation['disk.used']) },
    });
    const total = Number(allocation['disk.total']);
    expect(node!.disk.watermarkBytes.low).toBe(Math.round(total * 0.85));
    expect(node!.disk.past).toBeNull();
  });

  it('names the highest watermark a node is past', () => {
    const full = recorded('allocation').map((row: Record<string, string>) => ({
      ...row,
      'disk.used': row['disk.total'],
    }));
    expect(shapeNodes(recorded('node-stats'), full, watermarks)[0]!.disk.past).toBe('flood_stage');
  });

  it('explains an unassigned replica in the engine’s words, with what the node refused', () => {
    const text = explanationText(recorded('allocation-explain'));
    expect(text).toMatch(/^Elasticsearch isn't allowed to allocate this shard/);
    expect(text).toContain('lookout-dev: a copy of this shard is already allocated to this node');
    const shards = recorded('shards').filter((shard: { state: string }) => shard.state === 'UNASSIGNED');
    const health = shapeHealth(
      recorded('health-yellow'),
      nodes,
      watermarks,
      shards.map((shard: Record<string, string>) => ({ ...shard, explanation: text })),
    );
    expect(health).toMatchObject({ status: 'yellow', unassignedShards: 1 });
    expect(health.unassigned).toEqual([
      { index: 'unassigned-demo', shard: 0, primary: false, reason: 'INDEX_CREATED', explanation: text },
    ]);
  });
});
