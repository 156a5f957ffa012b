import { stable } from '../../../core/random.ts';

/**
 * The demo platform: one AWS account in eu-west-1, three ECS clusters, twenty services and a few
 * scheduled jobs, with the images they run. Only names and shapes; the timeline is generate.ts.
 */

export const DEMO_ACCOUNT = '123456789012';
export const DEMO_REGION = 'eu-west-1';
const ECR = `${DEMO_ACCOUNT}.dkr.ecr.${DEMO_REGION}.amazonaws.com`;

export type Runtime = 'node' | 'java' | 'python' | 'go';
export type LaunchType = 'EC2' | 'FARGATE';

export interface DemoService {
  name: string;
  runtime: Runtime;
  cluster: string;
  launchType: LaunchType;
  /** Running tasks at scale 1. */
  desired: number;
  /** A second, non-essential container next to the app (logs to stderr like Envoy does). */
  sidecar?: 'envoy';
}

/** `prod-fargate` tasks have no Docker container id and no fluentd logs (awsvpc on Fargate). */
export const SERVICES: readonly DemoService[] = [
  {
    name: 'checkout-api',
    runtime: 'node',
    cluster: 'prod-core',
    launchType: 'EC2',
    desired: 6,
    sidecar: 'envoy',
  },
  {
    name: 'booking-engine',
    runtime: 'node',
    cluster: 'prod-core',
    launchType: 'EC2',
    desired: 4,
    sidecar: 'envoy',
  },
  { name: 'search-api', runtime: 'java', cluster: 'prod-core', launchType: 'EC2', desired: 8 },
  { name: 'pricing', runtime: 'python', cluster: 'prod-core', launchType: 'EC2', desired: 4 },
  { name: 'payments', runtime: 'java', cluster: 'prod-core', launchType: 'EC2', desired: 4 },
  { name: 'inventory-sync', runtime: 'go', cluster: 'prod-core', launchType: 'EC2', desired: 2 },
  { name: 'availability', runtime: 'go', cluster: 'prod-core', launchType: 'EC2', desired: 6 },
  { name: 'loyalty', runtime: 'python', cluster: 'prod-core', launchType: 'EC2', desired: 2 },
  { name: 'reviews', runtime: 'node', cluster: 'prod-edge', launchType: 'EC2', desired: 3 },
  { name: 'profile', runtime: 'node', cluster: 'prod-edge', launchType: 'EC2', desired: 3 },
  { name: 'cart', runtime: 'node', cluster: 'prod-edge', launchType: 'EC2', desired: 4 },
  { name: 'currency', runtime: 'go', cluster: 'prod-edge', launchType: 'EC2', desired: 2 },
  { name: 'reporting', runtime: 'java', cluster: 'prod-edge', launchType: 'EC2', desired: 2 },
  { name: 'hotel-content', runtime: 'python', cluster: 'prod-edge', launchType: 'EC2', desired: 3 },
  { name: 'partner-gateway', runtime: 'java', cluster: 'prod-edge', launchType: 'EC2', desired: 3 },
  { name: 'images-resizer', runtime: 'go', cluster: 'prod-edge', launchType: 'EC2', desired: 3 },
  { name: 'mail-sender', runtime: 'python', cluster: 'prod-edge', launchType: 'EC2', desired: 2 },
  { name: 'notifications', runtime: 'node', cluster: 'prod-fargate', launchType: 'FARGATE', desired: 3 },
  { name: 'auth', runtime: 'go', cluster: 'prod-fargate', launchType: 'FARGATE', desired: 4 },
  { name: 'geo', runtime: 'python', cluster: 'prod-fargate', launchType: 'FARGATE', desired: 2 },
];

export interface DemoJob {
  name: string;
  runtime: 'python' | 'go';
  /** Minutes between runs at scale 1 (an EventBridge schedule starting a standalone task). */
  everyMinutes: number;
}

/** Short standalone tasks that exit 0 within minutes: quick stops that are not failures. */
export const JOBS: readonly DemoJob[] = [
  { name: 'cache-warmer', runtime: 'go', everyMinutes: 2 },
  { name: 'availability-snapshot', runtime: 'go', everyMinutes: 2 },
  { name: 'rates-import', runtime: 'python', everyMinutes: 5 },
  { name: 'fx-rates-sync', runtime: 'python', everyMinutes: 5 },
  { name: 'feed-export', runtime: 'go', everyMinutes: 10 },
  { name: 'sitemap-builder', runtime: 'python', everyMinutes: 15 },
];
export const JOBS_CLUSTER = 'prod-batch';

export const ENVOY_IMAGE = 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod';

export function clusterArn(cluster: string): string {
  return `arn:aws:ecs:${DEMO_REGION}:${DEMO_ACCOUNT}:cluster/${cluster}`;
}

export function taskArn(cluster: string, taskId: string): string {
  return `arn:aws:ecs:${DEMO_REGION}:${DEMO_ACCOUNT}:task/${cluster}/${taskId}`;
}

export function taskDefinitionArn(family: string, revision: number): string {
  return `arn:aws:ecs:${DEMO_REGION}:${DEMO_ACCOUNT}:task-definition/${family}:${revision}`;
}

/** The release tag of a task definition revision: stable, so "image then vs. now" differs by revision. */
export function releaseTag(family: string, revision: number): string {
  const random = stable(`${family}:${revision}`);
  const day = 1 + (revision % 28);
  return `2026.11.${String(day).padStart(2, '0')}-${random.hex(7)}`;
}

export function appImage(family: string, revision: number): string {
  return `${ECR}/${family}:${releaseTag(family, revision)}`;
}

/** ECR returns the manifest digest with every image; the same image always has the same digest. */
export function imageDigest(image: string): string {
  return `sha256:${stable(`digest ${image}`).hex(64)}`;
}
