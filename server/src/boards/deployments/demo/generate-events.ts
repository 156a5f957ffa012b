import { Random } from '../../../core/random.ts';
import type { DeployEvent, SnsMessage } from '../schema.ts';

/**
 * Demo deploy/release traffic as the platform would publish it to SNS: ~1,500 deployments a day
 * (~300 to production), most succeeding; a few services with chronic user failures; one
 * 30-minute registry outage where many services fail at once (platform); a release after each
 * successful production deploy.
 */

export const DEMO_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:lookout-demo-deployments';
export const DEPLOYMENTS_PER_DAY = 1_500;

const SERVICES = [
  'checkout-api',
  'search-api',
  'booking-engine',
  'pricing',
  'inventory-sync',
  'payments',
  'loyalty',
  'reviews',
  'images-resizer',
  'notifications',
  'auth',
  'profile',
  'cart',
  'recommendations',
  'geo',
  'availability',
  'currency',
  'partner-gateway',
  'reporting',
  'mail-sender',
  'sms-sender',
  'fraud-check',
  'invoice',
  'refunds',
  'hotel-content',
  'flight-search',
  'car-rental',
  'insurance',
  'support-chat',
  'cms',
];
/** Services whose own changes keep failing: tests and health checks. */
export const CHRONIC_SERVICES = ['reviews', 'partner-gateway', 'legacy-importer'];
const ENVIRONMENTS = [
  ['production', 0.2],
  ['staging', 0.4],
  ['development', 0.4],
] as const;
const USER_FAILURES = [
  { stage: 'build', code: 'CompileError', message: 'tsc exited with code 2' },
  { stage: 'test', code: 'TestsFailed', message: '4 of 812 specs failed' },
  { stage: 'health_check', code: 'Unhealthy', message: 'GET /health answered 500 for 5 minutes' },
  { stage: 'config', code: 'BadConfig', message: 'missing variable DATABASE_URL' },
];
const PLATFORM_FAILURES = [
  {
    stage: 'provision',
    code: 'ProvisioningFailed',
    message: 'auto scaling group did not reach desired capacity',
  },
  { stage: 'deploy', code: 'PlatformApiTimeout', message: 'ECS UpdateService timed out' },
  { stage: 'deploy', code: 'AgentLost', message: 'deploy agent crashed with SIGKILL' },
];
const REGISTRY_DOWN = {
  stage: 'pull_image',
  code: 'RegistryUnavailable',
  message: 'registry.internal answered 503 Service Unavailable',
};

export interface DemoOptions {
  days: number;
  scale: number;
  seed: number;
  now: Date;
}

export interface DemoNotification {
  message: Pick<SnsMessage, 'MessageId' | 'TopicArn' | 'Timestamp' | 'Message'>;
  event: DeployEvent;
}

/** The registry outage: 30 minutes from 14:00 UTC of the day about half the demo span ago. */
export function registryOutage(options: DemoOptions): { fromMs: number; toMs: number } {
  const dayMs = 86_400_000;
  const back = options.now.getTime() - Math.ceil(options.days / 2) * dayMs;
  const start = Math.floor(back / dayMs) * dayMs + 14 * 3_600_000;
  return { fromMs: start, toMs: start + 30 * 60_000 };
}

export function* generateDemoNotifications(options: DemoOptions): Generator<DemoNotification> {
  const random = new Random(options.seed);
  const nowMs = options.now.getTime();
  const spanMs = options.days * 86_400_000;
  const total = Math.round(DEPLOYMENTS_PER_DAY * options.days * options.scale);
  const outage = registryOutage(options);
  const services = [...SERVICES, ...CHRONIC_SERVICES.filter((s) => !SERVICES.includes(s))];
  for (let i = 0; i < total; i++) {
    const startMs = nowMs - spanMs + Math.floor((i / total) * spanMs) + random.int(0, 30_000);
    const service = random.pick(services);
    const environment = random.weighted(ENVIRONMENTS);
    const durationMs = random.int(60_000, 600_000);
    const finishMs = startMs + durationMs;
    if (finishMs >= nowMs) continue;
    let failure: DeployEvent['failure'];
    if (finishMs >= outage.fromMs && finishMs < outage.toMs && random.chance(0.8)) failure = REGISTRY_DOWN;
    else if (CHRONIC_SERVICES.includes(service) && random.chance(0.35)) failure = random.pick(USER_FAILURES);
    else if (random.chance(0.03)) failure = random.pick(USER_FAILURES);
    else if (random.chance(0.01)) failure = random.pick(PLATFORM_FAILURES);
    const deploymentId = `dep-${String(i).padStart(9, '0')}`;
    const base = {
      service,
      environment,
      version: `2026.${random.int(1, 12)}.${random.int(1, 28)}-${random.hex(7)}`,
      deploymentId,
      triggeredBy: random.chance(0.6) ? 'ci-bot' : random.pick(['jane.doe', 'li.wei', 'amal.k', 'tom.b']),
      platform: random.chance(0.5) ? ('ruby' as const) : ('node' as const),
    };
    const deploy: DeployEvent = {
      eventId: random.uuid(),
      kind: 'deploy',
      phase: failure ? (random.chance(0.3) ? 'rolled_back' : 'failed') : 'succeeded',
      ...base,
      startedAt: new Date(startMs).toISOString(),
      finishedAt: new Date(finishMs).toISOString(),
      durationMs,
      ...(failure ? { failure } : {}),
    };
    yield notification(deploy, random, finishMs);
    if (!failure && environment === 'production' && finishMs + 120_000 < nowMs) {
      const release: DeployEvent = {
        ...deploy,
        eventId: random.uuid(),
        kind: 'release',
        phase: 'succeeded',
        startedAt: new Date(finishMs + 60_000).toISOString(),
        finishedAt: new Date(finishMs + 120_000).toISOString(),
        durationMs: 60_000,
      };
      yield notification(release, random, finishMs + 120_000);
    }
  }
}

function notification(event: DeployEvent, random: Random, atMs: number): DemoNotification {
  return {
    event,
    message: {
      MessageId: random.uuid(),
      TopicArn: DEMO_TOPIC_ARN,
      Timestamp: new Date(atMs + 200).toISOString(),
      Message: JSON.stringify(event),
    },
  };
}
