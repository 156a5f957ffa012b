import fastifyPlugin from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { Board } from '../../core/board.ts';
import { deploymentsIndexTemplate } from './mapping.ts';
import { deploymentsRoutes } from './routes.ts';
import { snsIngestRoutes } from './sns/ingest-routes.ts';
import { createSnsVerifier, type HttpsGetOptions } from './sns/verify.ts';
import { loadRules, type ClassificationRule } from './rules.ts';
import { deploymentsHaveData, seedDeployments } from './demo/seed.ts';

export interface DeploymentsBoardOptions {
  /** Extra TLS trust for the certificate and SubscribeURL hosts (tests' own CA); production: none. */
  tls?: HttpsGetOptions;
  /** Rules to use instead of reading DEPLOY_RULES_FILE (tests). */
  rules?: ClassificationRule[];
}

/**
 * Two route scopes: the board's endpoints under `/api/deployments`, and the SNS endpoint at
 * `/api/ingest/sns` (its own scope, so its text/plain parser stays there). The wrapper is
 * `fastify-plugin` so the prefixes here are absolute, whatever prefix the app registers it with.
 */
export function createDeploymentsBoard(options: DeploymentsBoardOptions = {}): Board {
  const routes: FastifyPluginAsync = async (app) => {
    const { deployments } = app.config;
    const rules = options.rules ?? loadRules(deployments.rulesFile);
    const verifier = createSnsVerifier({
      topicArns: deployments.snsTopicArns,
      certHosts: deployments.snsCertHosts,
      ...(options.tls ? { tls: options.tls } : {}),
    });
    await app.register(deploymentsRoutes, { prefix: '/api/deployments' });
    await app.register(snsIngestRoutes, {
      prefix: '/api/ingest',
      rules,
      verifier,
      ...(options.tls ? { tls: options.tls } : {}),
    });
  };
  return {
    name: 'deployments',
    routes: fastifyPlugin(routes, { name: 'deployments-board' }),
    indexTemplates: (config) => [deploymentsIndexTemplate(config.deployments.index)],
    demo: { hasData: deploymentsHaveData, seed: seedDeployments },
  };
}

/** Deployment KPIs: how many deploys and releases, how many failed, and whose fault. */
export const deploymentsBoard: Board = createDeploymentsBoard();
