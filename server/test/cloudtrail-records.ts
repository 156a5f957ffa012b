import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Hand-countable CloudTrail records in the producer's real format, for the endpoint tests and the
 * golden fixtures. Everything happens on 2026-11-20 between 10:00 and 11:00 UTC, in two accounts.
 */
export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const RANGE = { from: '2026-11-20T10:00:00.000Z', to: '2026-11-20T11:00:00.000Z' };
export const KNOWN_CIDRS = '10.0.0.0/8,2001:db8:aaaa::/48';
export const VOLUME_ID = 'vol-0abc1234def567890';

let sequence = 0;
const eventId = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

const iamUser = (account: string, userName: string) => ({
  type: 'IAMUser',
  principalId: `AIDA${userName.toUpperCase()}`,
  arn: `arn:aws:iam::${account}:user/${userName}`,
  accountId: account,
  accessKeyId: 'AKIAEXAMPLE',
  userName,
});

interface Call {
  time: string;
  account: string;
  region?: string;
  eventName: string;
  eventSource?: string;
  sourceIPAddress: string;
  userIdentity: Record<string, unknown>;
  errorCode?: string;
  responseElements?: Record<string, unknown> | null;
  requestParameters?: Record<string, unknown> | null;
  eventType?: string;
}

function record(call: Call): Record<string, unknown> {
  return {
    eventVersion: '1.10',
    userIdentity: call.userIdentity,
    eventTime: call.time,
    eventSource: call.eventSource ?? 'ec2.amazonaws.com',
    eventName: call.eventName,
    awsRegion: call.region ?? 'us-east-1',
    sourceIPAddress: call.sourceIPAddress,
    userAgent: 'aws-cli/2.15.0',
    ...(call.errorCode
      ? { errorCode: call.errorCode, errorMessage: 'You are not authorized to perform this operation.' }
      : {}),
    requestParameters: call.requestParameters ?? null,
    responseElements: call.responseElements ?? null,
    requestID: `req-${sequence + 1}`,
    eventID: eventId(),
    readOnly:
      call.eventName.startsWith('Describe') ||
      call.eventName.startsWith('List') ||
      call.eventName.startsWith('Get'),
    eventType: call.eventType ?? 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: call.account,
    eventCategory: 'Management',
  };
}

function times(count: number, start: string, stepSeconds: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    new Date(Date.parse(start) + n * stepSeconds * 1000).toISOString().replace('.000Z', 'Z'),
  );
}

/**
 * 10:00–10:10 (account A): 4 DescribeInstances by alice, 2 GetCallerIdentity by the deploy role,
 *   1 CreateVolume by alice (returns VOLUME_ID) — 7 events.
 * 10:10–10:20: 4 ListBuckets and 3 denied DeleteBucket by bob from 203.0.113.9 (account B),
 *   a failed and a successful ConsoleLogin by carol (account B, IPv6), an AssumeRole by the EC2
 *   service and a RunInstances from "AWS Internal" (account A) — 11 events.
 * Outside the range: one at 09:59:59 and one at 11:00:00 (the newest event of all).
 */
export function handCountedRecords(): Array<Record<string, unknown>> {
  sequence = 0;
  const alice = iamUser(ACCOUNT_A, 'alice');
  const bob = iamUser(ACCOUNT_B, 'bob');
  const carol = iamUser(ACCOUNT_B, 'carol');
  const deployRole = {
    type: 'AssumedRole',
    principalId: 'AROADEPLOY:ci',
    arn: `arn:aws:sts::${ACCOUNT_A}:assumed-role/Deploy/ci`,
    accountId: ACCOUNT_A,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROADEPLOY',
        arn: `arn:aws:iam::${ACCOUNT_A}:role/Deploy`,
        accountId: ACCOUNT_A,
        userName: 'Deploy',
      },
    },
  };
  const ec2Service = { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' };
  const login = (time: string, outcome: 'Success' | 'Failure', ip: string) =>
    record({
      time,
      account: ACCOUNT_B,
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      sourceIPAddress: ip,
      userIdentity: carol,
      eventType: 'AwsConsoleSignIn',
      responseElements: { ConsoleLogin: outcome },
    });
  return [
    record({
      time: '2026-11-20T09:59:59Z',
      account: ACCOUNT_A,
      eventName: 'DescribeInstances',
      sourceIPAddress: '10.1.2.3',
      userIdentity: alice,
    }),
    ...times(4, '2026-11-20T10:01:00Z', 60).map((time) =>
      record({
        time,
        account: ACCOUNT_A,
        eventName: 'DescribeInstances',
        sourceIPAddress: '10.1.2.3',
        userIdentity: alice,
      }),
    ),
    ...times(2, '2026-11-20T10:05:00Z', 30).map((time) =>
      record({
        time,
        account: ACCOUNT_A,
        eventName: 'GetCallerIdentity',
        eventSource: 'sts.amazonaws.com',
        sourceIPAddress: '10.1.2.4',
        userIdentity: deployRole,
      }),
    ),
    record({
      time: '2026-11-20T10:07:00Z',
      account: ACCOUNT_A,
      eventName: 'CreateVolume',
      sourceIPAddress: '10.1.2.3',
      userIdentity: alice,
      requestParameters: { size: 100, availabilityZone: 'us-east-1a', volumeType: 'gp3' },
      responseElements: { volumeId: VOLUME_ID, size: '100', status: 'creating' },
    }),
    ...times(4, '2026-11-20T10:11:00Z', 60).map((time) =>
      record({
        time,
        account: ACCOUNT_B,
        region: 'eu-west-1',
        eventName: 'ListBuckets',
        eventSource: 's3.amazonaws.com',
        sourceIPAddress: '203.0.113.9',
        userIdentity: bob,
      }),
    ),
    ...times(3, '2026-11-20T10:15:00Z', 10).map((time) =>
      record({
        time,
        account: ACCOUNT_B,
        region: 'eu-west-1',
        eventName: 'DeleteBucket',
        eventSource: 's3.amazonaws.com',
        sourceIPAddress: '203.0.113.9',
        userIdentity: bob,
        errorCode: 'AccessDenied',
        requestParameters: { bucketName: 'prod-backups' },
      }),
    ),
    login('2026-11-20T10:16:00Z', 'Failure', '2001:db8:beef::7'),
    login('2026-11-20T10:16:30Z', 'Success', '2001:db8:aaaa::5'),
    record({
      time: '2026-11-20T10:17:00Z',
      account: ACCOUNT_A,
      eventName: 'AssumeRole',
      eventSource: 'sts.amazonaws.com',
      sourceIPAddress: 'ec2.amazonaws.com',
      userIdentity: ec2Service,
    }),
    record({
      time: '2026-11-20T10:18:00Z',
      account: ACCOUNT_A,
      eventName: 'RunInstances',
      sourceIPAddress: 'AWS Internal',
      userIdentity: alice,
    }),
    record({
      time: '2026-11-20T11:00:00Z',
      account: ACCOUNT_A,
      eventName: 'DescribeInstances',
      sourceIPAddress: '10.1.2.3',
      userIdentity: alice,
    }),
  ];
}

/** Writes records as CloudTrail delivers them: one gzipped file per account, S3 key layout. */
export async function writeAsDelivered(
  dir: string,
  records: Array<Record<string, unknown>>,
): Promise<string> {
  const byAccount = new Map<string, Array<Record<string, unknown>>>();
  for (const item of records) {
    const account = String(item.recipientAccountId);
    byAccount.set(account, [...(byAccount.get(account) ?? []), item]);
  }
  for (const [account, items] of byAccount) {
    const folder = path.join(dir, 'AWSLogs', account, 'CloudTrail', 'us-east-1', '2026', '11', '20');
    await mkdir(folder, { recursive: true });
    const file = path.join(
      folder,
      `${account}_CloudTrail_us-east-1_20261120T1100Z_test${account.slice(0, 4)}.json.gz`,
    );
    await writeFile(file, gzipSync(JSON.stringify({ Records: items })));
  }
  return dir;
}
