import { cloudtrailFinders } from './finders.ts';
import { defineBoard, lazyDemo } from '../../core/board.ts';
import { cloudtrailConfig } from './config.ts';
import { cloudtrailIndexTemplate } from './mapping.ts';
import { cloudtrailEndpoints } from './endpoints.ts';

/** CloudTrail: who called which AWS API, from where, when, in which account. */
export const cloudtrailBoard = defineBoard({
  name: 'cloudtrail',
  title: 'CloudTrail',
  question: 'who called which AWS API, from where, when, in which account',
  config: cloudtrailConfig,
  endpoints: cloudtrailEndpoints,
  finders: cloudtrailFinders,
  indexTemplates: (config) => [cloudtrailIndexTemplate(config.cloudtrail.indexPrefix)],
  demo: lazyDemo(() => import('./demo/seed.ts')),
});
