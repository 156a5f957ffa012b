import { Type, type Static } from 'typebox';

export const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')], {
      description: '`ok` when Elasticsearch answers, is not red, and is an engine Lookout supports',
    }),
    elasticsearch: Type.Object({
      reachable: Type.Boolean(),
      url: Type.String({ description: 'Elasticsearch URL without credentials' }),
      version: Type.Optional(Type.String({ description: 'the engine version, e.g. `9.2.0` or `2.19.6`' })),
      engine: Type.Optional(
        Type.String({ description: 'what answers, e.g. `Elasticsearch 8.19.21` or `OpenSearch 2.19.6`' }),
      ),
      distribution: Type.Optional(Type.Union([Type.Literal('elasticsearch'), Type.Literal('opensearch')])),
      clusterName: Type.Optional(Type.String()),
      clusterStatus: Type.Optional(
        Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]),
      ),
      error: Type.Optional(
        Type.String({ description: 'why Elasticsearch is unreachable, or why Lookout does not support it' }),
      ),
    }),
    checkedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'HealthResponse' },
);
export type HealthResponse = Static<typeof HealthResponse>;
