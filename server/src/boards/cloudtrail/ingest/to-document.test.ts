import { describe, expect, it } from 'vitest';
import { MAX_RESOURCE_IDS, toCloudTrailDocument, type CloudTrailDerived } from './to-document.ts';

const ACCOUNT = '111122223333';

/** A record in the shape CloudTrail delivers (eventVersion 1.10), with overrides. */
function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.10',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSERID0001',
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAEXAMPLEKEY000001',
      userName: 'alice',
    },
    eventTime: '2026-11-26T10:45:12Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '10.1.2.3',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: { instancesSet: {}, filterSet: {} },
    responseElements: null,
    requestID: '5f3c2a1b-9d8e-4f60-8a1b-2c3d4e5f6789',
    eventID: '0b6a1c2d-3e4f-4a5b-9c6d-7e8f90a1b2c3',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' },
    ...overrides,
  };
}

function convert(input: unknown, prefix = 'ct-') {
  const result = toCloudTrailDocument(input, prefix);
  if (!result.ok) throw new Error(`expected a document, got: ${result.reason}`);
  return result.doc;
}

function derived(input: unknown): CloudTrailDerived {
  return (convert(input).document as { lookout: CloudTrailDerived }).lookout;
}

function assumedRole(role: string, session: string, rolePath = ''): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID0001:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEKEY000001',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEROLEID0001',
        arn: `arn:aws:iam::${ACCOUNT}:role/${rolePath}${role}`,
        accountId: ACCOUNT,
        userName: role,
      },
      attributes: { creationDate: '2026-11-26T10:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

describe('toCloudTrailDocument', () => {
  it('uses the eventID as the document id and files the record under its UTC day', () => {
    const doc = convert(record({ eventTime: '2026-11-25T23:59:59Z' }));
    expect(doc.id).toBe('0b6a1c2d-3e4f-4a5b-9c6d-7e8f90a1b2c3');
    expect(doc.index).toBe('ct-2026.11.25');
    expect(convert(record({ eventTime: '2026-11-26T00:00:00Z' })).index).toBe('ct-2026.11.26');
    expect(convert(record(), 'cloudtrail-prod-').index).toBe('cloudtrail-prod-2026.11.26');
  });

  it('reads an eventTime with an offset as the UTC instant it names', () => {
    const doc = convert(record({ eventTime: '2026-11-26T01:30:00+02:00' }));
    expect(doc.index).toBe('ct-2026.11.25');
    expect((doc.document as Record<string, unknown>)['@timestamp']).toBe('2026-11-25T23:30:00.000Z');
  });

  it('keeps every field of the record as delivered and adds @timestamp and lookout', () => {
    const input = record({ someFutureField: { nested: [1, 2] } });
    const document = convert(input).document as Record<string, unknown>;
    for (const [key, value] of Object.entries(input)) expect(document[key]).toEqual(value);
    expect(document['@timestamp']).toBe('2026-11-26T10:45:12.000Z');
    expect(document.lookout).toBeDefined();
  });

  it('does not modify the record it was given', () => {
    const input = record();
    const copy = structuredClone(input);
    convert(input);
    expect(input).toEqual(copy);
  });

  it('rejects a record without a string eventID, naming why', () => {
    const { eventID: _omitted, ...withoutId } = record();
    expect(toCloudTrailDocument(withoutId, 'ct-')).toEqual({
      ok: false,
      reason: 'no eventID: a record needs a string eventID to be stored exactly once',
    });
    expect(toCloudTrailDocument(record({ eventID: 42 }), 'ct-').ok).toBe(false);
    expect(toCloudTrailDocument(record({ eventID: '  ' }), 'ct-').ok).toBe(false);
  });

  it('rejects a record whose eventTime is missing or not an ISO 8601 time', () => {
    const { eventTime: _omitted, ...withoutTime } = record();
    expect(toCloudTrailDocument(withoutTime, 'ct-')).toEqual({
      ok: false,
      reason: 'eventTime is not an ISO 8601 time (got missing)',
    });
    // Date.parse would accept both of these and file them under a made-up day.
    expect(toCloudTrailDocument(record({ eventTime: '1' }), 'ct-')).toEqual({
      ok: false,
      reason: 'eventTime is not an ISO 8601 time (got "1")',
    });
    expect(toCloudTrailDocument(record({ eventTime: 'Nov 26 2026' }), 'ct-').ok).toBe(false);
    expect(toCloudTrailDocument(record({ eventTime: '2026-13-45T10:00:00Z' }), 'ct-').ok).toBe(false);
  });

  it('rejects something that is not a record at all', () => {
    expect(toCloudTrailDocument('hello', 'ct-')).toEqual({
      ok: false,
      reason: 'not a CloudTrail record: expected a JSON object',
    });
    expect(toCloudTrailDocument(null, 'ct-').ok).toBe(false);
    expect(toCloudTrailDocument([], 'ct-').ok).toBe(false);
  });
});

describe('the acting principal', () => {
  it('names an IAM user user/<name>', () => {
    expect(derived(record())).toMatchObject({ principal: 'user/alice', principalType: 'IAMUser' });
  });

  it('names an assumed role by role and session, and groups sessions by principalRole', () => {
    const lookout = derived(record({ userIdentity: assumedRole('ci-deploy', 'gitlab-884211') }));
    expect(lookout).toMatchObject({
      principal: 'role/ci-deploy (session gitlab-884211)',
      principalRole: 'role/ci-deploy',
      sessionName: 'gitlab-884211',
      principalType: 'AssumedRole',
    });
  });

  it('names an SSO session by the human in the session name, not the role path', () => {
    const role = 'AWSReservedSSO_AdministratorAccess_5f3c2a1b9d8e7f60';
    const identity = assumedRole(
      role,
      'alice.martin@example.com',
      'aws-reserved/sso.amazonaws.com/eu-west-1/',
    );
    expect(derived(record({ userIdentity: identity }))).toMatchObject({
      principal: `role/${role} (session alice.martin@example.com)`,
      principalRole: `role/${role}`,
      sessionName: 'alice.martin@example.com',
    });
  });

  it('falls back to the arn for the role name when the session issuer is missing', () => {
    const identity = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/worker-1` };
    expect(derived(record({ userIdentity: identity }))).toMatchObject({
      principal: 'role/app (session worker-1)',
      principalRole: 'role/app',
    });
  });

  it('names the root user root', () => {
    const identity = {
      type: 'Root',
      principalId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      accountId: ACCOUNT,
    };
    expect(derived(record({ userIdentity: identity }))).toMatchObject({
      principal: 'root',
      principalType: 'Root',
    });
  });

  it('names an AWS service by invokedBy, else by the source address', () => {
    const viaInvokedBy = record({
      userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
      sourceIPAddress: 'ec2.amazonaws.com',
    });
    expect(derived(viaInvokedBy).principal).toBe('service/ec2.amazonaws.com');
    const viaSource = record({
      userIdentity: { type: 'AWSService' },
      sourceIPAddress: 'autoscaling.amazonaws.com',
    });
    expect(derived(viaSource).principal).toBe('service/autoscaling.amazonaws.com');
  });

  it('names a federated user federated/<name>', () => {
    const identity = {
      type: 'FederatedUser',
      principalId: `${ACCOUNT}:report-bot`,
      arn: `arn:aws:sts::${ACCOUNT}:federated-user/report-bot`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'IAMUser', userName: 'reporting-service' } },
    };
    expect(derived(record({ userIdentity: identity })).principal).toBe('federated/report-bot');
  });

  it('names other identities by arn, else by account, else unknown', () => {
    const withArn = { type: 'IdentityCenterUser', arn: 'arn:aws:identitystore::111122223333:user/abc' };
    expect(derived(record({ userIdentity: withArn })).principal).toBe(withArn.arn);
    const awsAccount = { type: 'AWSAccount', principalId: 'AIDAEXAMPLE:someone', accountId: '999988887777' };
    expect(derived(record({ userIdentity: awsAccount }))).toMatchObject({
      principal: 'account/999988887777',
      principalType: 'AWSAccount',
      callerAccount: '999988887777',
      account: ACCOUNT,
    });
    const { userIdentity: _omitted, ...anonymous } = record();
    expect(derived(anonymous).principal).toBe('unknown');
  });
});

describe('the outcome', () => {
  it('is success without an errorCode', () => {
    expect(derived(record()).outcome).toBe('success');
  });

  it('is failure with any errorCode', () => {
    expect(
      derived(record({ errorCode: 'AccessDenied', errorMessage: 'User: … is not authorized' })).outcome,
    ).toBe('failure');
    expect(derived(record({ errorCode: 'Client.UnauthorizedOperation' })).outcome).toBe('failure');
  });

  it('is failure for a failed console sign-in, which carries no errorCode', () => {
    const login = (result: string) =>
      record({
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        eventType: 'AwsConsoleSignIn',
        sourceIPAddress: '203.0.113.77',
        responseElements: { ConsoleLogin: result },
        ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
      });
    expect(derived(login('Failure')).outcome).toBe('failure');
    expect(derived(login('Success')).outcome).toBe('success');
  });
});

describe('the source address', () => {
  it('keeps an IPv4 address as sourceIp and as sourceAddress', () => {
    expect(derived(record({ sourceIPAddress: '203.0.113.9' }))).toMatchObject({
      sourceIp: '203.0.113.9',
      sourceAddress: '203.0.113.9',
    });
  });

  it('keeps an IPv6 address as sourceIp', () => {
    expect(derived(record({ sourceIPAddress: '2001:db8:beef:1::2a' })).sourceIp).toBe('2001:db8:beef:1::2a');
  });

  it.each(['signin.amazonaws.com', 'AWS Internal', 'ec2.amazonaws.com'])(
    'keeps "%s" as sourceAddress only, never as an IP',
    (address) => {
      const lookout = derived(record({ sourceIPAddress: address }));
      expect(lookout.sourceAddress).toBe(address);
      expect(lookout).not.toHaveProperty('sourceIp');
    },
  );

  it('names the logging account, the caller account and the region', () => {
    const crossAccount = record({
      userIdentity: { ...assumedRole('scanner', 'prowler'), accountId: '777788889999' },
    });
    expect(derived(crossAccount)).toMatchObject({
      account: ACCOUNT,
      callerAccount: '777788889999',
      region: 'eu-west-1',
    });
  });
});

describe('resource ids', () => {
  it('finds the volume a CreateVolume returned, so a search for vol-… finds who created it', () => {
    const createVolume = record({
      eventName: 'CreateVolume',
      readOnly: false,
      requestParameters: { size: 100, zone: 'eu-west-1a', volumeType: 'gp3', encrypted: true },
      responseElements: {
        requestId: 'b4c9c3a1-6f0e-4a43-9c1e-0f3c2a1b9d8e',
        volumeId: 'vol-0a1b2c3d4e5f67890',
        kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        status: 'creating',
      },
    });
    expect(derived(createVolume).resourceIds).toEqual([
      'vol-0a1b2c3d4e5f67890',
      'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ]);
  });

  it('finds instance, image, subnet, VPC, security-group and interface ids in RunInstances, once each', () => {
    const item = (instanceId: string) => ({
      instanceId,
      imageId: 'ami-0fedcba9876543210',
      subnetId: 'subnet-0123456789abcdef0',
      vpcId: 'vpc-0123abcd',
      groupSet: { items: [{ groupId: 'sg-0aa11bb22cc33dd44', groupName: 'orders-api' }] },
      networkInterfaceSet: { items: [{ networkInterfaceId: 'eni-0f1e2d3c4b5a69788' }] },
    });
    const runInstances = record({
      eventName: 'RunInstances',
      requestParameters: { subnetId: 'subnet-0123456789abcdef0' },
      responseElements: {
        instancesSet: { items: [item('i-0123456789abcdef0'), item('i-0fedcba9876543210')] },
      },
    });
    expect(derived(runInstances).resourceIds).toEqual([
      'subnet-0123456789abcdef0',
      'i-0123456789abcdef0',
      'ami-0fedcba9876543210',
      'vpc-0123abcd',
      'sg-0aa11bb22cc33dd44',
      'eni-0f1e2d3c4b5a69788',
      'i-0fedcba9876543210',
    ]);
  });

  it('finds ARNs in resources and ids inside ARNs', () => {
    const lookout = derived(
      record({
        requestParameters: null,
        resources: [
          { ARN: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0', accountId: ACCOUNT },
        ],
      }),
    );
    expect(lookout.resourceIds).toEqual([
      'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0',
      'i-0123456789abcdef0',
    ]);
  });

  it('ignores look-alikes and fields outside the request, response and resources', () => {
    const lookout = derived(
      record({
        userAgent: 'vol-0a1b2c3d4e5f67890',
        requestParameters: {
          name: 'salami-12345678',
          note: 'vol-xyz',
          // 16 hex digits is neither the old (8) nor the new (17) id length.
          odd: 'i-0123456789abcdef',
          tag: 'i-12345678-long-suffix',
        },
      }),
    );
    expect(lookout.resourceIds).toEqual(['i-12345678']);
  });

  it(`keeps at most ${MAX_RESOURCE_IDS} ids`, () => {
    const many = Array.from({ length: 500 }, (_, n) => `i-${n.toString(16).padStart(8, '0')}`);
    expect(derived(record({ requestParameters: { instanceIds: many } })).resourceIds).toHaveLength(
      MAX_RESOURCE_IDS,
    );
  });

  it('is an empty list when nothing names a resource', () => {
    expect(derived(record()).resourceIds).toEqual([]);
  });
});
