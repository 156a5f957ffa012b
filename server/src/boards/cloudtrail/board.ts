import type { Board } from '../../core/board.ts';
import { cloudtrailIndexTemplate } from './mapping.ts';
import { cloudtrailRoutes } from './routes.ts';
import { cloudtrailHasData, seedCloudTrail } from './demo/seed.ts';

/** CloudTrail: who called which AWS API, from where, when, in which account. */
export const cloudtrailBoard: Board = {
  name: 'cloudtrail',
  routes: cloudtrailRoutes,
  indexTemplates: (config) => [cloudtrailIndexTemplate(config.cloudtrail.indexPrefix)],
  demo: { hasData: cloudtrailHasData, seed: seedCloudTrail },
};
