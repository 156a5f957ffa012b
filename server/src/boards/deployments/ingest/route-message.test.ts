import { describe, expect, it } from 'vitest';
import { DEPLOY_EVENT_EXAMPLE } from '../schema.ts';
import { loadRules } from '../rules.ts';
import { routeMessage, toStoredDeployment } from './route-message.ts';

describe('routing the SNS Message by content', () => {
  it('recognises a deploy/release event and stores it classified, timed by finishedAt', () => {
    const routed = routeMessage(JSON.stringify(DEPLOY_EVENT_EXAMPLE));
    expect(routed.route).toBe('deployment');
    if (routed.route !== 'deployment') return;
    const stored = toStoredDeployment(
      routed.event,
      { messageId: 'm', topicArn: 't', timestamp: '2026-11-26T13:46:42Z' },
      loadRules(),
      new Date('2026-11-26T14:00:00Z'),
    );
    expect(stored).toMatchObject({
      '@timestamp': '2026-11-26T13:46:41Z',
      cause: 'platform',
      ruleId: 'platform-registry',
    });
  });

  it('does not classify successes', () => {
    const routed = routeMessage(
      JSON.stringify({ ...DEPLOY_EVENT_EXAMPLE, phase: 'succeeded', failure: undefined }),
    );
    if (routed.route !== 'deployment') throw new Error('expected a deployment');
    const stored = toStoredDeployment(
      routed.event,
      { messageId: 'm', topicArn: 't', timestamp: 'x' },
      loadRules(),
      new Date(),
    );
    expect(stored.cause).toBeUndefined();
  });

  it('names what is wrong with an event that does not match the schema', () => {
    expect(routeMessage(JSON.stringify({ ...DEPLOY_EVENT_EXAMPLE, phase: 'exploded' }))).toMatchObject({
      route: 'unrecognised',
      reason: expect.stringContaining('/phase') as unknown,
    });
  });

  it('maps a CodeDeploy trigger, sends ECS task events to containers, ignores the rest', () => {
    const trigger = {
      applicationName: 'billing',
      deploymentGroupName: 'production',
      deploymentId: 'd-1',
      status: 'SUCCEEDED',
      createTime: 'Thu Nov 26 12:00:00 UTC 2026',
      completeTime: 'Thu Nov 26 12:01:00 UTC 2026',
    };
    expect(routeMessage(JSON.stringify(trigger))).toMatchObject({
      route: 'deployment',
      event: { service: 'billing', phase: 'succeeded', durationMs: 60_000, platform: 'codedeploy' },
    });
    const ecsEvent = { 'detail-type': 'ECS Task State Change', detail: { taskArn: 'arn:t' } };
    // The whole event goes on to the container board's store.
    expect(routeMessage(JSON.stringify(ecsEvent))).toEqual({
      route: 'ecs-task-state-change',
      taskArn: 'arn:t',
      event: ecsEvent,
    });
    expect(routeMessage('hello').route).toBe('unrecognised');
    expect(routeMessage('{"foo":1}').route).toBe('unrecognised');
  });
});
