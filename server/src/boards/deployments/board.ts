import type { FastifyPluginAsync } from 'fastify';
import { deploymentsFinders } from './finders.ts';
import { defineBoard, lazyDemo, type Board } from '../../core/board.ts';
import { deploymentsConfig } from './config.ts';
import { deploymentsIndexTemplate } from './mapping.ts';
import { deploymentsEndpoints } from './endpoints.ts';
import { snsIngestRoutes } from './sns/ingest-routes.ts';
import { createSnsVerifier, type HttpsGetOptions } from './sns/verify.ts';
import { loadRules, type ClassificationRule } from './rules.ts';

export interface DeploymentsBoardOptions {
  /** Extra TLS trust for the certificate and SubscribeURL hosts (tests' own CA); production: none. */
  tls?: HttpsGetOptions;
  /** Rules to use instead of reading DEPLOY_RULES_FILE (tests). */
  rules?: ClassificationRule[];
}

/**
 * The board's endpoints under `/api/deployments`, and the SNS endpoint at `/api/ingest/sns` in a
 * scope of its own (so its text/plain parser stays there).
 */
export function createDeploymentsBoard(options: DeploymentsBoardOptions = {}): Board {
  const snsScope: FastifyPluginAsync = async (app) => {
    const { deployments } = app.config;
    const verifier = createSnsVerifier({
      topicArns: deployments.snsTopicArns,
      certHosts: deployments.snsCertHosts,
      ...(options.tls ? { tls: options.tls } : {}),
    });
    await app.register(snsIngestRoutes, {
      rules: options.rules ?? loadRules(deployments.rulesFile),
      verifier,
      ...(options.tls ? { tls: options.tls } : {}),
    });
  };
  return defineBoard({
    name: 'deployments',
    title: 'Deployments',
    question: "how many deploys failed, and was it the user's change or the platform",
    config: deploymentsConfig,
    endpoints: deploymentsEndpoints,
    finders: deploymentsFinders,
    scopes: [{ prefix: '/api/ingest', plugin: snsScope }],
    indexTemplates: (config) => [deploymentsIndexTemplate(config.deployments.index)],
    demo: lazyDemo(() => import('./demo/seed.ts')),
  });
}

/** Deployment KPIs: how many deploys and releases, how many failed, and whose fault. */
export const deploymentsBoard: Board = createDeploymentsBoard();
