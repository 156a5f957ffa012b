/**
 * What happens in the demo accounts: who calls which API from where, as CloudTrail records.
 * Every builder draws from the stream's seeded Random, so the same seed tells the same story.
 */
import { hash32, stable, type Random } from '../../../core/random.ts';
import {
  DAY,
  DEMO_ACCOUNTS,
  DEMO_DENIED_USER,
  HOUR,
  MINUTE,
  type AccountKind,
  type Json,
} from './demo-world.ts';

// ---------------------------------------------------------------------------------------------
// Identities and stable resources

/** 8 hex digits naming an account/region stream. */
export function streamTag(ctx: Pick<Ctx, 'account' | 'region'>): string {
  return hash32(`${ctx.account}/${ctx.region}`).toString(16).padStart(8, '0');
}

export interface Ctx {
  random: Random;
  time: number;
  account: string;
  kind: AccountKind;
  region: string;
}

const HUMANS = [
  'alice.martin@example.com',
  'bob.nguyen@example.com',
  'carla.rossi@example.com',
  'deepak.iyer@example.com',
  'emma.schmidt@example.com',
];
const SSO_ADMIN = 'AWSReservedSSO_AdministratorAccess_5f3c2a1b9d8e7f60';
const SSO_READONLY = 'AWSReservedSSO_ReadOnlyAccess_0a1b2c3d4e5f6789';
const SERVICES = ['orders-api', 'payments-api', 'search-indexer', 'pricing-worker'];

const AGENTS = {
  cli: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#amzn.2 md/prompt#off',
  terraform:
    'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64',
  java: 'aws-sdk-java/2.25.13 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.2+13-LTS Java/21.0.2 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy',
  go: 'aws-sdk-go/1.51.3 (go1.22.1; linux; amd64)',
  browser:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  consoleEc2: 'console.ec2.amazonaws.com',
};

export const isoSeconds = (time: number): string => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

const vpcOctet = (kind: AccountKind): number => ({ prod: 1, staging: 2, security: 3 })[kind];
const privateIp = (ctx: Ctx): string =>
  `10.${vpcOctet(ctx.kind)}.${ctx.random.int(0, 63)}.${ctx.random.int(2, 254)}`;
const ciRunnerIp = (ctx: Ctx): string => `10.9.${ctx.random.int(0, 3)}.${ctx.random.int(2, 254)}`;
const humanIp = (ctx: Ctx): string =>
  ctx.random.chance(0.2)
    ? `fd00:aaaa:0:10::${ctx.random.hex(3).replace(/^0+/, '') || '1'}`
    : `192.168.${ctx.random.pick([10, 20])}.${ctx.random.int(2, 254)}`;

function ec2Id(prefix: string, name: string): string {
  return `${prefix}-0${stable(name).hex(16)}`;
}

function roleId(account: string, role: string): string {
  return stable(`${account}/role/${role}`).awsId('AROA', 17);
}

function sessionKey(ctx: Ctx, name: string): string {
  return stable(`${ctx.account}/${name}/${Math.floor(ctx.time / HOUR)}`).awsId('ASIA', 16);
}

interface RoleOptions {
  path?: string;
  invokedBy?: string;
  mfa?: boolean;
  /** Account of the role (defaults to the logging account). */
  account?: string;
}

function assumedRole(ctx: Ctx, role: string, session: string, options: RoleOptions = {}): Json {
  const account = options.account ?? ctx.account;
  const id = roleId(account, role);
  const identity: Json = {
    type: 'AssumedRole',
    principalId: `${id}:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: sessionKey(ctx, `${role}/${session}`),
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: id,
        arn: `arn:aws:iam::${account}:role/${options.path ?? ''}${role}`,
        accountId: account,
        userName: role,
      },
      attributes: {
        creationDate: isoSeconds(Math.floor(ctx.time / HOUR) * HOUR),
        mfaAuthenticated: options.mfa ? 'true' : 'false',
      },
    },
  };
  if (options.invokedBy) identity.invokedBy = options.invokedBy;
  return identity;
}

function iamUser(account: string, userName: string, withKey = true): Json {
  return {
    type: 'IAMUser',
    principalId: stable(`${account}/user/${userName}`).awsId('AIDA', 17),
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accountId: account,
    accessKeyId: withKey ? stable(`${account}/key/${userName}`).awsId('AKIA', 16) : '',
    userName,
  };
}

const awsService = (service: string): Json => ({ type: 'AWSService', invokedBy: service });

// IAM Identity Center lives in one home region; its roles carry that region in their path.
const SSO_PATH = 'aws-reserved/sso.amazonaws.com/eu-west-1/';
const ssoHuman = (ctx: Ctx, role: string, human: string): Json =>
  assumedRole(ctx, role, human, { path: SSO_PATH, mfa: true });
const ciDeploy = (ctx: Ctx): Json =>
  assumedRole(ctx, 'ci-deploy', `gitlab-${ctx.random.int(880_000, 889_999)}`);
const appRole = (ctx: Ctx, service: string): Json =>
  assumedRole(
    ctx,
    `${service}-task`,
    `${service}-${stable(`${ctx.account}/${service}/${Math.floor(ctx.time / DAY)}`).hex(8)}`,
  );
const configRole = (ctx: Ctx): Json =>
  assumedRole(ctx, 'AWSServiceRoleForConfig', 'AWSConfig-Describe', {
    path: 'aws-service-role/config.amazonaws.com/',
    invokedBy: 'config.amazonaws.com',
  });
const autoscalingRole = (ctx: Ctx): Json =>
  assumedRole(ctx, 'AWSServiceRoleForAutoScaling', 'AutoScaling', {
    path: 'aws-service-role/autoscaling.amazonaws.com/',
    invokedBy: 'autoscaling.amazonaws.com',
  });

function stableResources(ctx: Ctx) {
  const base = `${ctx.account}/${ctx.region}`;
  const zone = `${ctx.region}${ctx.random.pick(['a', 'b', 'c'])}`;
  return {
    vpc: ec2Id('vpc', `${base}/vpc`),
    subnet: ec2Id('subnet', `${base}/subnet/${zone}`),
    zone,
    ami: ec2Id('ami', `${base}/ami/${Math.floor(ctx.time / (7 * DAY))}`),
    securityGroup: (service: string) => ec2Id('sg', `${base}/sg/${service}`),
    launchTemplate: (service: string) => ec2Id('lt', `${base}/lt/${service}`),
    volume: () => ec2Id('vol', `${base}/vol/${ctx.random.int(0, 39)}`),
    instance: () => ec2Id('i', `${base}/i/${ctx.random.int(0, 79)}`),
    kmsKey: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${stable(`${base}/kms`).uuid()}`,
    bucket: `${ctx.kind}-${ctx.random.pick(['orders-exports', 'app-assets', 'ml-features'])}-${ctx.account.slice(-4)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Records

interface EventSpec {
  identity: Json;
  source: string;
  name: string;
  sourceIp: string;
  userAgent: string;
  readOnly: boolean;
  requestParameters?: Json | null;
  responseElements?: Json | null;
  additionalEventData?: Json;
  resources?: Json[];
  errorCode?: string;
  errorMessage?: string;
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
  data?: boolean;
  region?: string;
  requestID?: string;
  sharedEventID?: boolean;
  consoleSession?: boolean;
  host?: string;
}

const EVENT_VERSIONS: Record<string, string> = {
  'ec2.amazonaws.com': '1.10',
  's3.amazonaws.com': '1.10',
  'signin.amazonaws.com': '1.08',
  'sts.amazonaws.com': '1.08',
  'iam.amazonaws.com': '1.08',
  'kms.amazonaws.com': '1.08',
  'lambda.amazonaws.com': '1.11',
};

const GLOBAL_SOURCES = new Set(['iam.amazonaws.com', 'signin.amazonaws.com']);

function record(ctx: Ctx, spec: EventSpec): Json {
  const { random } = ctx;
  const region = spec.region ?? (GLOBAL_SOURCES.has(spec.source) ? 'us-east-1' : ctx.region);
  // Services and `AWS Internal` call from inside AWS: no TLS details from a client.
  const fromInsideAws = !/^[\d.:a-f]+$/.test(spec.sourceIp);
  const result: Json = {
    eventVersion: EVENT_VERSIONS[spec.source] ?? '1.09',
    userIdentity: spec.identity,
    eventTime: isoSeconds(ctx.time),
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: region,
    sourceIPAddress: spec.sourceIp,
    userAgent: spec.userAgent,
  };
  if (spec.errorCode) result.errorCode = spec.errorCode;
  if (spec.errorMessage) result.errorMessage = spec.errorMessage;
  result.requestParameters = spec.requestParameters ?? null;
  result.responseElements = spec.responseElements ?? null;
  if (spec.additionalEventData) result.additionalEventData = spec.additionalEventData;
  if (spec.eventType !== 'AwsConsoleSignIn') {
    result.requestID =
      spec.requestID ?? (spec.source === 's3.amazonaws.com' ? random.hex(16).toUpperCase() : random.uuid());
  }
  // Each account/region stream draws from one 32-bit generator cycle, so two streams can reach
  // the same state; the stream's own tag in the first 8 hex digits keeps eventIDs unique anyway.
  result.eventID = `${streamTag(ctx)}${random.uuid().slice(8)}`;
  result.readOnly = spec.readOnly;
  if (spec.resources) result.resources = spec.resources;
  result.eventType = spec.eventType ?? 'AwsApiCall';
  result.managementEvent = !spec.data;
  result.recipientAccountId = ctx.account;
  if (spec.sharedEventID) result.sharedEventID = random.uuid();
  result.eventCategory = spec.data ? 'Data' : 'Management';
  if (!fromInsideAws) {
    result.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader:
        spec.host ?? `${spec.source.replace('.amazonaws.com', '')}.${region}.amazonaws.com`,
    };
  }
  if (spec.consoleSession) result.sessionCredentialFromConsole = 'true';
  return result;
}

function denied(
  identity: Json,
  action: string,
  resource: string,
): { errorCode: string; errorMessage: string } {
  const who = String(identity.arn);
  if (action.startsWith('ec2:')) {
    return {
      errorCode: 'Client.UnauthorizedOperation',
      errorMessage: `You are not authorized to perform this operation. User: ${who} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    };
  }
  return {
    errorCode: action.startsWith('secretsmanager:') ? 'AccessDeniedException' : 'AccessDenied',
    errorMessage: `User: ${who} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  };
}

export type Builder = (ctx: Ctx) => Json[];

const describeInstances: Builder = (ctx) => {
  const monitoring = ctx.random.chance(0.6);
  const identity = monitoring ? iamUser(ctx.account, 'monitoring-exporter') : configRole(ctx);
  const throttled = monitoring && ctx.random.chance(0.02);
  return [
    record(ctx, {
      identity,
      source: 'ec2.amazonaws.com',
      name: 'DescribeInstances',
      sourceIp: monitoring ? privateIp(ctx) : 'config.amazonaws.com',
      userAgent: monitoring ? AGENTS.go : 'config.amazonaws.com',
      readOnly: true,
      requestParameters: {
        instancesSet: {},
        filterSet: monitoring
          ? { items: [{ name: 'instance-state-name', valueSet: { items: [{ value: 'running' }] } }] }
          : {},
      },
      ...(throttled
        ? { errorCode: 'Client.RequestLimitExceeded', errorMessage: 'Request limit exceeded.' }
        : {}),
    }),
  ];
};

const describeVolumes: Builder = (ctx) => {
  const resources = stableResources(ctx);
  const one = ctx.random.chance(0.3);
  return [
    record(ctx, {
      identity: configRole(ctx),
      source: 'ec2.amazonaws.com',
      name: 'DescribeVolumes',
      sourceIp: 'config.amazonaws.com',
      userAgent: 'config.amazonaws.com',
      readOnly: true,
      requestParameters: one
        ? { volumeSet: { items: [{ volumeId: resources.volume() }] } }
        : { volumeSet: {}, maxResults: 500 },
    }),
  ];
};

const getCallerIdentity: Builder = (ctx) => {
  const ci = ctx.random.chance(0.5);
  return [
    record(ctx, {
      identity: ci ? ciDeploy(ctx) : appRole(ctx, ctx.random.pick(SERVICES)),
      source: 'sts.amazonaws.com',
      name: 'GetCallerIdentity',
      sourceIp: ci ? ciRunnerIp(ctx) : privateIp(ctx),
      userAgent: ci ? AGENTS.cli : AGENTS.java,
      readOnly: true,
    }),
  ];
};

const serviceAssumeRole: Builder = (ctx) => {
  const service = ctx.random.weighted([
    ['ec2.amazonaws.com', 5],
    ['lambda.amazonaws.com', 3],
    ['ecs-tasks.amazonaws.com', 4],
  ] as const);
  const app = ctx.random.pick(SERVICES);
  const role =
    service === 'ec2.amazonaws.com'
      ? `${app}-instance`
      : service === 'lambda.amazonaws.com'
        ? `${app}-lambda`
        : `${app}-task`;
  const roleArn = `arn:aws:iam::${ctx.account}:role/${role}`;
  const session =
    service === 'ec2.amazonaws.com'
      ? stableResources(ctx).instance()
      : service === 'lambda.amazonaws.com'
        ? `${app}-handler`
        : ctx.random.hex(32);
  return [
    record(ctx, {
      identity: awsService(service),
      source: 'sts.amazonaws.com',
      name: 'AssumeRole',
      sourceIp: service,
      userAgent: service,
      readOnly: true,
      requestParameters: { roleArn, roleSessionName: session },
      responseElements: {
        credentials: {
          accessKeyId: ctx.random.awsId('ASIA', 16),
          sessionToken: `IQoJb3JpZ2luX2Vj${ctx.random.alnum(48)}`,
          expiration: new Date(ctx.time + 6 * HOUR).toUTCString(),
        },
      },
      resources: [{ accountId: ctx.account, type: 'AWS::IAM::Role', ARN: roleArn }],
      sharedEventID: true,
    }),
  ];
};

const crossAccountAssumeRole: Builder = (ctx) => {
  const security = DEMO_ACCOUNTS[2].id;
  const session = `scanner-${ctx.random.hex(8)}`;
  const roleArn = `arn:aws:iam::${ctx.account}:role/security-audit`;
  return [
    record(ctx, {
      identity: assumedRole(ctx, 'security-scanner', 'prowler', { account: security }),
      source: 'sts.amazonaws.com',
      name: 'AssumeRole',
      sourceIp: `10.3.${ctx.random.int(0, 7)}.${ctx.random.int(2, 254)}`,
      userAgent: AGENTS.java,
      readOnly: true,
      requestParameters: { roleArn, roleSessionName: session, durationSeconds: 3600 },
      responseElements: {
        credentials: {
          accessKeyId: ctx.random.awsId('ASIA', 16),
          sessionToken: `IQoJb3JpZ2luX2Vj${ctx.random.alnum(48)}`,
          expiration: new Date(ctx.time + HOUR).toUTCString(),
        },
        assumedRoleUser: {
          assumedRoleId: `${roleId(ctx.account, 'security-audit')}:${session}`,
          arn: `arn:aws:sts::${ctx.account}:assumed-role/security-audit/${session}`,
        },
      },
      resources: [{ accountId: ctx.account, type: 'AWS::IAM::Role', ARN: roleArn }],
      sharedEventID: true,
    }),
  ];
};

const securityTooling: Builder = (ctx) => {
  const identity = assumedRole(ctx, 'security-scanner', 'prowler');
  const call = ctx.random.weighted([
    [{ source: 'guardduty.amazonaws.com', name: 'ListFindings' }, 4],
    [{ source: 'securityhub.amazonaws.com', name: 'GetFindings' }, 4],
    [{ source: 'access-analyzer.amazonaws.com', name: 'ListFindings' }, 1],
    [{ source: 'config.amazonaws.com', name: 'DescribeComplianceByConfigRule' }, 2],
  ] as const);
  return [
    record(ctx, {
      identity,
      source: call.source,
      name: call.name,
      sourceIp: `10.3.${ctx.random.int(0, 7)}.${ctx.random.int(2, 254)}`,
      userAgent: AGENTS.java,
      readOnly: true,
      requestParameters:
        call.source === 'guardduty.amazonaws.com'
          ? { detectorId: stable(`${ctx.account}/${ctx.region}/gd`).hex(32), maxResults: 50 }
          : { maxResults: 100 },
    }),
  ];
};

const listBuckets: Builder = (ctx) => {
  const human = ctx.random.pick(HUMANS);
  return [
    record(ctx, {
      identity: ssoHuman(ctx, ctx.random.chance(0.7) ? SSO_READONLY : SSO_ADMIN, human),
      source: 's3.amazonaws.com',
      name: 'ListBuckets',
      sourceIp: humanIp(ctx),
      userAgent: ctx.random.chance(0.5) ? AGENTS.browser : AGENTS.cli,
      readOnly: true,
      requestParameters: { Host: 's3.amazonaws.com' },
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        bytesTransferredOut: ctx.random.int(900, 4000),
      },
      host: 's3.amazonaws.com',
    }),
  ];
};

const kmsDecrypt: Builder = (ctx) => {
  const service = ctx.random.pick(SERVICES);
  const internal = ctx.random.chance(0.3);
  const { kmsKey } = stableResources(ctx);
  return [
    record(ctx, {
      identity: appRole(ctx, service),
      source: 'kms.amazonaws.com',
      name: ctx.random.chance(0.8) ? 'Decrypt' : 'GenerateDataKey',
      sourceIp: internal ? 'AWS Internal' : privateIp(ctx),
      userAgent: internal ? 'AWS Internal' : AGENTS.java,
      readOnly: true,
      requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { service } },
      resources: [{ accountId: ctx.account, type: 'AWS::KMS::Key', ARN: kmsKey }],
    }),
  ];
};

const getParameter: Builder = (ctx) => {
  const service = ctx.random.pick(SERVICES);
  return [
    record(ctx, {
      identity: appRole(ctx, service),
      source: 'ssm.amazonaws.com',
      name: ctx.random.chance(0.7) ? 'GetParameter' : 'GetParametersByPath',
      sourceIp: privateIp(ctx),
      userAgent: AGENTS.java,
      readOnly: true,
      requestParameters: {
        name: `/${service}/${ctx.kind}/${ctx.random.pick(['db-url', 'feature-flags', 'queue-url'])}`,
        withDecryption: true,
      },
    }),
  ];
};

const getSecretValue: Builder = (ctx) => {
  const service = ctx.random.pick(SERVICES);
  const secret = `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${service}/db-${stable(`${ctx.account}/${service}`).alnum(6)}`;
  return [
    record(ctx, {
      identity: appRole(ctx, service),
      source: 'secretsmanager.amazonaws.com',
      name: 'GetSecretValue',
      sourceIp: privateIp(ctx),
      userAgent: AGENTS.java,
      readOnly: true,
      requestParameters: { secretId: secret },
    }),
  ];
};

const describeStacks: Builder = (ctx) => [
  record(ctx, {
    identity: ciDeploy(ctx),
    source: 'cloudformation.amazonaws.com',
    name: 'DescribeStacks',
    sourceIp: ciRunnerIp(ctx),
    userAgent: AGENTS.cli,
    readOnly: true,
    requestParameters: { stackName: ctx.random.pick(SERVICES) },
  }),
];

const deploy: Builder = (ctx) => {
  const identity = ciDeploy(ctx);
  const sourceIp = ciRunnerIp(ctx);
  const service = ctx.random.pick(SERVICES);
  const stackId = `arn:aws:cloudformation:${ctx.region}:${ctx.account}:stack/${service}/${stable(`${ctx.account}/${ctx.region}/${service}`).uuid()}`;
  const changeSetName = `awscli-cloudformation-package-deploy-${Math.floor(ctx.time / 1000)}`;
  const changeSetId = `arn:aws:cloudformation:${ctx.region}:${ctx.account}:changeSet/${changeSetName}/${ctx.random.uuid()}`;
  const functionArn = `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${service}-handler`;
  return [
    record(ctx, {
      identity,
      source: 'cloudformation.amazonaws.com',
      name: 'CreateChangeSet',
      sourceIp,
      userAgent: AGENTS.cli,
      readOnly: false,
      requestParameters: {
        stackName: service,
        changeSetName,
        changeSetType: 'UPDATE',
        capabilities: ['CAPABILITY_IAM'],
      },
      responseElements: { id: changeSetId, stackId },
    }),
    record(ctx, {
      identity,
      source: 'cloudformation.amazonaws.com',
      name: 'ExecuteChangeSet',
      sourceIp,
      userAgent: AGENTS.cli,
      readOnly: false,
      requestParameters: { changeSetName: changeSetId, stackName: service },
    }),
    record(ctx, {
      identity: assumedRole(ctx, 'cloudformation-exec', 'AWSCloudFormation', {
        invokedBy: 'cloudformation.amazonaws.com',
      }),
      source: 'lambda.amazonaws.com',
      name: 'UpdateFunctionCode20150331v2',
      sourceIp: 'cloudformation.amazonaws.com',
      userAgent: 'cloudformation.amazonaws.com',
      readOnly: false,
      requestParameters: {
        functionName: functionArn,
        s3Bucket: `ci-artifacts-${ctx.account.slice(-4)}`,
        s3Key: `${service}/${ctx.random.hex(32)}.zip`,
        publish: false,
      },
      responseElements: {
        functionName: `${service}-handler`,
        functionArn,
        runtime: 'java21',
        codeSize: ctx.random.int(8_000_000, 30_000_000),
        lastUpdateStatus: 'InProgress',
      },
    }),
  ];
};

const runInstances: Builder = (ctx) => {
  const resources = stableResources(ctx);
  const service = ctx.random.pick(SERVICES);
  const count = ctx.random.int(1, 3);
  const items = Array.from({ length: count }, () => ({
    instanceId: `i-0${ctx.random.hex(16)}`,
    imageId: resources.ami,
    instanceState: { code: 0, name: 'pending' },
    privateDnsName: `ip-10-${vpcOctet(ctx.kind)}-${ctx.random.int(0, 63)}-${ctx.random.int(2, 254)}.ec2.internal`,
    instanceType: 'm6i.large',
    launchTime: ctx.time,
    placement: { availabilityZone: resources.zone, tenancy: 'default' },
    subnetId: resources.subnet,
    vpcId: resources.vpc,
    groupSet: { items: [{ groupId: resources.securityGroup(service), groupName: service }] },
    networkInterfaceSet: {
      items: [
        {
          networkInterfaceId: `eni-0${ctx.random.hex(16)}`,
          subnetId: resources.subnet,
          vpcId: resources.vpc,
        },
      ],
    },
  }));
  const launched = record(ctx, {
    identity: autoscalingRole(ctx),
    source: 'ec2.amazonaws.com',
    name: 'RunInstances',
    sourceIp: 'autoscaling.amazonaws.com',
    userAgent: 'autoscaling.amazonaws.com',
    readOnly: false,
    requestParameters: {
      instancesSet: { items: [{ minCount: count, maxCount: count }] },
      launchTemplate: { launchTemplateId: resources.launchTemplate(service), version: '$Latest' },
      subnetId: resources.subnet,
    },
    responseElements: {
      requestId: ctx.random.uuid(),
      reservationId: `r-0${ctx.random.hex(16)}`,
      ownerId: ctx.account,
      instancesSet: { items },
    },
  });
  const terminated = record(ctx, {
    identity: autoscalingRole(ctx),
    source: 'ec2.amazonaws.com',
    name: 'TerminateInstances',
    sourceIp: 'autoscaling.amazonaws.com',
    userAgent: 'autoscaling.amazonaws.com',
    readOnly: false,
    requestParameters: { instancesSet: { items: [{ instanceId: resources.instance() }] } },
  });
  return ctx.random.chance(0.6) ? [launched] : [terminated];
};

const createVolume: Builder = (ctx) => {
  const resources = stableResources(ctx);
  const ci = ctx.random.chance(0.5);
  const identity = ci
    ? ciDeploy(ctx)
    : assumedRole(ctx, 'eks-ebs-csi-driver', String(ctx.random.int(1_000_000_000, 1_999_999_999)));
  const sourceIp = ci ? ciRunnerIp(ctx) : privateIp(ctx);
  const userAgent = ci ? AGENTS.terraform : AGENTS.go;
  const volumeId = `vol-0${ctx.random.hex(16)}`;
  const size = ctx.random.pick([20, 50, 100, 200, 500]);
  const created = record(ctx, {
    identity,
    source: 'ec2.amazonaws.com',
    name: 'CreateVolume',
    sourceIp,
    userAgent,
    readOnly: false,
    requestParameters: {
      size,
      zone: resources.zone,
      volumeType: 'gp3',
      encrypted: true,
      tagSpecificationSet: {
        items: [
          { resourceType: 'volume', tags: [{ key: 'Name', value: `${ctx.random.pick(SERVICES)}-data` }] },
        ],
      },
    },
    responseElements: {
      requestId: ctx.random.uuid(),
      volumeId,
      size: String(size),
      zone: resources.zone,
      status: 'creating',
      createTime: ctx.time,
      volumeType: 'gp3',
      iops: 3000,
      throughput: 125,
      encrypted: true,
      kmsKeyId: resources.kmsKey,
      multiAttachEnabled: false,
    },
  });
  const attached = record(
    { ...ctx, time: ctx.time + ctx.random.int(2, 20) * 1000 },
    {
      identity,
      source: 'ec2.amazonaws.com',
      name: 'AttachVolume',
      sourceIp,
      userAgent,
      readOnly: false,
      requestParameters: { volumeId, instanceId: resources.instance(), deviceName: '/dev/xvdf' },
      responseElements: {
        requestId: ctx.random.uuid(),
        volumeId,
        instanceId: resources.instance(),
        device: '/dev/xvdf',
        status: 'attaching',
        attachTime: ctx.time,
      },
    },
  );
  return [created, attached];
};

const createSnapshot: Builder = (ctx) => {
  const resources = stableResources(ctx);
  const volumeId = resources.volume();
  return [
    record(ctx, {
      identity: assumedRole(ctx, 'AWSDataLifecycleManagerDefaultRole', 'dlm-policy', {
        invokedBy: 'dlm.amazonaws.com',
      }),
      source: 'ec2.amazonaws.com',
      name: 'CreateSnapshot',
      sourceIp: 'dlm.amazonaws.com',
      userAgent: 'dlm.amazonaws.com',
      readOnly: false,
      requestParameters: {
        volumeId,
        description: 'Created for policy: policy-0nightly by Data Lifecycle Manager',
      },
      responseElements: {
        requestId: ctx.random.uuid(),
        snapshotId: `snap-0${ctx.random.hex(16)}`,
        volumeId,
        status: 'pending',
        startTime: ctx.time,
        ownerId: ctx.account,
        volumeSize: 100,
        encrypted: true,
      },
    }),
  ];
};

const loadBalancers: Builder = (ctx) => {
  const service = ctx.random.pick(SERVICES);
  const targetGroupArn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:targetgroup/${service}/${stable(`${ctx.account}/${ctx.region}/tg/${service}`).hex(16)}`;
  const health = ctx.random.chance(0.6);
  return [
    record(ctx, {
      identity: health ? iamUser(ctx.account, 'monitoring-exporter') : configRole(ctx),
      source: 'elasticloadbalancing.amazonaws.com',
      name: health ? 'DescribeTargetHealth' : 'DescribeLoadBalancers',
      sourceIp: health ? privateIp(ctx) : 'config.amazonaws.com',
      userAgent: health ? AGENTS.go : 'config.amazonaws.com',
      readOnly: true,
      requestParameters: health ? { targetGroupArn } : { pageSize: 400 },
    }),
  ];
};

const createLogStream: Builder = (ctx) => {
  const service = ctx.random.pick(SERVICES);
  const day = new Date(ctx.time).toISOString().slice(0, 10).replaceAll('-', '/');
  return [
    record(ctx, {
      identity: assumedRole(ctx, `${service}-lambda`, `${service}-handler`),
      source: 'logs.amazonaws.com',
      name: 'CreateLogStream',
      sourceIp: privateIp(ctx),
      userAgent: 'awslambda-worker/1.0 rusoto/0.48.0 rust/1.76.0 linux',
      readOnly: false,
      requestParameters: {
        logGroupName: `/aws/lambda/${service}-handler`,
        logStreamName: `${day}/[$LATEST]${ctx.random.hex(32)}`,
      },
    }),
  ];
};

const s3Data: Builder = (ctx) => {
  const { bucket } = stableResources(ctx);
  const service = ctx.random.pick(SERVICES);
  const put = ctx.random.chance(0.3);
  const key = `${service}/${new Date(ctx.time).toISOString().slice(0, 10)}/${ctx.random.hex(12)}.json`;
  return [
    record(ctx, {
      identity: appRole(ctx, service),
      source: 's3.amazonaws.com',
      name: put ? 'PutObject' : 'GetObject',
      sourceIp: privateIp(ctx),
      userAgent: AGENTS.java,
      readOnly: !put,
      data: true,
      requestParameters: { bucketName: bucket, Host: `${bucket}.s3.${ctx.region}.amazonaws.com`, key },
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: put ? ctx.random.int(200, 90_000) : 0,
        AuthenticationMethod: 'AuthHeader',
        bytesTransferredOut: put ? 0 : ctx.random.int(200, 90_000),
      },
      resources: [
        { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
        { accountId: ctx.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
      ],
      host: `${bucket}.s3.${ctx.region}.amazonaws.com`,
    }),
  ];
};

const iamReads: Builder = (ctx) => {
  const human = ctx.random.pick(HUMANS);
  const roleName = `${ctx.random.pick(SERVICES)}-task`;
  const list = ctx.random.chance(0.4);
  return [
    record(ctx, {
      identity: ssoHuman(ctx, SSO_READONLY, human),
      source: 'iam.amazonaws.com',
      name: list ? 'ListRoles' : 'GetRole',
      sourceIp: humanIp(ctx),
      userAgent: AGENTS.browser,
      readOnly: true,
      requestParameters: list ? { maxItems: 1000 } : { roleName },
      consoleSession: true,
      host: 'iam.amazonaws.com',
    }),
  ];
};

const adminChange: Builder = (ctx) => {
  const resources = stableResources(ctx);
  const human = ctx.random.pick(HUMANS);
  const groupId = resources.securityGroup(ctx.random.pick(SERVICES));
  const readonlyMistake = ctx.random.chance(0.15);
  const identity = ssoHuman(ctx, readonlyMistake ? SSO_READONLY : SSO_ADMIN, human);
  const errors = readonlyMistake
    ? denied(
        identity,
        'ec2:AuthorizeSecurityGroupIngress',
        `arn:aws:ec2:${ctx.region}:${ctx.account}:security-group/${groupId}`,
      )
    : {};
  return [
    record(ctx, {
      identity,
      source: 'ec2.amazonaws.com',
      name: 'AuthorizeSecurityGroupIngress',
      sourceIp: humanIp(ctx),
      userAgent: AGENTS.consoleEc2,
      readOnly: false,
      requestParameters: {
        groupId,
        ipPermissions: {
          items: [
            {
              ipProtocol: 'tcp',
              fromPort: 443,
              toPort: 443,
              ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] },
            },
          ],
        },
      },
      responseElements: readonlyMistake
        ? null
        : {
            requestId: ctx.random.uuid(),
            _return: true,
            securityGroupRuleSet: {
              items: [
                {
                  groupId,
                  securityGroupRuleId: `sgr-0${ctx.random.hex(16)}`,
                  ipProtocol: 'tcp',
                  fromPort: 443,
                  toPort: 443,
                  cidrIpv4: '10.0.0.0/8',
                },
              ],
            },
          },
      consoleSession: true,
      ...errors,
    }),
  ];
};

function consoleLoginRecord(
  ctx: Ctx,
  identity: Json,
  sourceIp: string,
  success: boolean,
  mfa: boolean,
): Json {
  return record(ctx, {
    identity,
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    sourceIp,
    userAgent: AGENTS.browser,
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    responseElements: { ConsoleLogin: success ? 'Success' : 'Failure' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      MobileVersion: 'No',
      MFAUsed: mfa ? 'Yes' : 'No',
    },
    ...(success ? {} : { errorMessage: 'Failed authentication' }),
    host: 'signin.aws.amazon.com',
  });
}

const consoleLogin: Builder = (ctx) => {
  const sso = ctx.random.chance(0.6);
  if (sso) {
    const human = ctx.random.pick(HUMANS);
    return [
      consoleLoginRecord(
        ctx,
        ssoHuman(ctx, ctx.random.chance(0.6) ? SSO_READONLY : SSO_ADMIN, human),
        humanIp(ctx),
        true,
        false,
      ),
    ];
  }
  const user = ctx.random.pick(['ops-admin', 'finance-viewer', 'break-glass']);
  const success = ctx.random.chance(0.8);
  return [consoleLoginRecord(ctx, iamUser(ctx.account, user, false), humanIp(ctx), success, success)];
};

const rootActivity: Builder = (ctx) => [
  consoleLoginRecord(
    ctx,
    {
      type: 'Root',
      principalId: ctx.account,
      arn: `arn:aws:iam::${ctx.account}:root`,
      accountId: ctx.account,
      accessKeyId: '',
    },
    humanIp(ctx),
    true,
    true,
  ),
];

const federatedUser: Builder = (ctx) => {
  const account = ctx.account;
  return [
    record(ctx, {
      identity: {
        type: 'FederatedUser',
        principalId: `${account}:report-bot`,
        arn: `arn:aws:sts::${account}:federated-user/report-bot`,
        accountId: account,
        accessKeyId: sessionKey(ctx, 'federated/report-bot'),
        sessionContext: {
          sessionIssuer: {
            type: 'IAMUser',
            principalId: stable(`${account}/user/reporting-service`).awsId('AIDA', 17),
            arn: `arn:aws:iam::${account}:user/reporting-service`,
            accountId: account,
            userName: 'reporting-service',
          },
          attributes: {
            creationDate: isoSeconds(Math.floor(ctx.time / HOUR) * HOUR),
            mfaAuthenticated: 'false',
          },
        },
      },
      source: 'ce.amazonaws.com',
      name: 'GetCostAndUsage',
      sourceIp: privateIp(ctx),
      userAgent: AGENTS.go,
      readOnly: true,
      region: 'us-east-1',
      requestParameters: { granularity: 'DAILY', metrics: ['UnblendedCost'] },
    }),
  ];
};

/** Calls from addresses outside DEMO_KNOWN_CIDRS: a leaked key used from a test network. */
const unknownSource: Builder = (ctx) => {
  const sourceIp = ctx.random.chance(0.3)
    ? `2001:db8:beef:1::${ctx.random.hex(3).replace(/^0+/, '') || '1'}`
    : ctx.random.chance(0.7)
      ? `203.0.113.${ctx.random.int(1, 254)}`
      : `198.51.100.${ctx.random.int(1, 254)}`;
  const call = ctx.random.pick([
    { source: 'sts.amazonaws.com', name: 'GetCallerIdentity' },
    { source: 's3.amazonaws.com', name: 'ListBuckets' },
    { source: 'ec2.amazonaws.com', name: 'DescribeInstances' },
  ]);
  return [
    record(ctx, {
      identity: iamUser(ctx.account, 'legacy-backup'),
      source: call.source,
      name: call.name,
      sourceIp,
      userAgent: 'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.2',
      readOnly: true,
    }),
  ];
};

export interface Scenario {
  build: Builder;
  weight: Record<AccountKind, number>;
  /** Global services are logged in us-east-1 only. */
  usEast1Only?: boolean;
}

export const SCENARIOS: Scenario[] = [
  { build: describeInstances, weight: { prod: 12, staging: 10, security: 3 } },
  { build: describeVolumes, weight: { prod: 5, staging: 4, security: 2 } },
  { build: getCallerIdentity, weight: { prod: 6, staging: 6, security: 2 } },
  { build: serviceAssumeRole, weight: { prod: 12, staging: 10, security: 3 } },
  { build: crossAccountAssumeRole, weight: { prod: 2, staging: 2, security: 0 } },
  { build: securityTooling, weight: { prod: 0, staging: 0, security: 14 } },
  { build: listBuckets, weight: { prod: 3, staging: 3, security: 2 } },
  { build: kmsDecrypt, weight: { prod: 8, staging: 5, security: 1 } },
  { build: getParameter, weight: { prod: 6, staging: 5, security: 0.5 } },
  { build: getSecretValue, weight: { prod: 3, staging: 2, security: 0.5 } },
  { build: describeStacks, weight: { prod: 3, staging: 4, security: 0.5 } },
  { build: deploy, weight: { prod: 0.4, staging: 0.6, security: 0.05 } },
  { build: runInstances, weight: { prod: 1, staging: 0.6, security: 0 } },
  { build: createVolume, weight: { prod: 0.5, staging: 0.4, security: 0.05 } },
  { build: createSnapshot, weight: { prod: 0.4, staging: 0.1, security: 0 } },
  { build: loadBalancers, weight: { prod: 4, staging: 3, security: 0.2 } },
  { build: createLogStream, weight: { prod: 5, staging: 4, security: 0.5 } },
  { build: s3Data, weight: { prod: 2, staging: 1, security: 0.3 } },
  { build: adminChange, weight: { prod: 0.3, staging: 0.5, security: 0.1 } },
  { build: unknownSource, weight: { prod: 0.15, staging: 0.1, security: 0.03 } },
  { build: iamReads, weight: { prod: 2, staging: 2, security: 3 }, usEast1Only: true },
  { build: consoleLogin, weight: { prod: 1.2, staging: 1.2, security: 1.5 }, usEast1Only: true },
  { build: federatedUser, weight: { prod: 0, staging: 0.8, security: 0 }, usEast1Only: true },
  { build: rootActivity, weight: { prod: 0.01, staging: 0, security: 0.05 }, usEast1Only: true },
];

// ---------------------------------------------------------------------------------------------
// Scripted episodes, so the boards always have a story to show

export interface Episode {
  time: number;
  build: Builder;
}

/** One IAM user hammering APIs it may not call, from an unknown address, for twelve minutes. */
export function accessDeniedBurst(start: number, scale: number): Episode[] {
  const calls = [
    { source: 's3.amazonaws.com', name: 'ListBuckets', action: 's3:ListAllMyBuckets', resource: '*' },
    {
      source: 'secretsmanager.amazonaws.com',
      name: 'GetSecretValue',
      action: 'secretsmanager:GetSecretValue',
      resource: 'arn:aws:secretsmanager:us-east-1:444455556666:secret:payments-api/db-Xy12Ab',
    },
    {
      source: 'ec2.amazonaws.com',
      name: 'DescribeInstances',
      action: 'ec2:DescribeInstances',
      resource: '*',
    },
    {
      source: 'iam.amazonaws.com',
      name: 'ListUsers',
      action: 'iam:ListUsers',
      resource: 'arn:aws:iam::444455556666:user/',
    },
    {
      source: 'iam.amazonaws.com',
      name: 'CreateUser',
      action: 'iam:CreateUser',
      resource: 'arn:aws:iam::444455556666:user/backup-admin',
    },
    {
      source: 'iam.amazonaws.com',
      name: 'ListAttachedUserPolicies',
      action: 'iam:ListAttachedUserPolicies',
      resource: 'arn:aws:iam::444455556666:user/contractor-dev',
    },
  ];
  const count = Math.max(30, Math.round(150 * scale));
  return Array.from({ length: count }, (_, n) => ({
    time: start + Math.floor((n / count) * 12 * MINUTE),
    build: (ctx: Ctx) => {
      const identity = iamUser(DEMO_DENIED_USER.account, DEMO_DENIED_USER.userName);
      const call = n === 0 ? undefined : calls[n % calls.length];
      return [
        record(ctx, {
          identity,
          source: call?.source ?? 'sts.amazonaws.com',
          name: call?.name ?? 'GetCallerIdentity',
          sourceIp: DEMO_DENIED_USER.sourceIp,
          userAgent: 'aws-cli/2.13.0 Python/3.11.4 Linux/6.2.0-26-generic exe/x86_64.ubuntu.22 prompt/off',
          readOnly: call?.name !== 'CreateUser',
          requestParameters: call?.name === 'CreateUser' ? { userName: 'backup-admin' } : null,
          ...(call ? denied(identity, call.action, call.resource) : {}),
        }),
      ];
    },
  }));
}

/** Eight failed console sign-ins for one IAM user from an unknown address, then a success. */
export function consoleBruteForce(start: number): Episode[] {
  return Array.from({ length: 9 }, (_, n) => ({
    time: start + n * 40_000,
    build: (ctx: Ctx) => [
      consoleLoginRecord(ctx, iamUser(ctx.account, 'ops-admin', false), '203.0.113.77', n === 8, false),
    ],
  }));
}
