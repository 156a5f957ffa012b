import { Type, type Static } from 'typebox';

export const HealthResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')], {
      description: '`ok` when Elasticsearch answers and is not red',
    }),
    elasticsearch: Type.Object({
      reachable: Type.Boolean(),
      url: Type.String({ description: 'Elasticsearch URL without credentials' }),
      version: Type.Optional(Type.String()),
      clusterName: Type.Optional(Type.String()),
      clusterStatus: Type.Optional(
        Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]),
      ),
      error: Type.Optional(Type.String({ description: 'why Elasticsearch is unreachable' })),
    }),
    checkedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'HealthResponse' },
);
export type HealthResponse = Static<typeof HealthResponse>;
