import { isIP } from 'node:net';
import type { BulkDocument } from '../../../es/bulk-writer.ts';
import { cloudtrailIndexName } from '../mapping.ts';

/** Fields Lookout derives from a record, stored under `lookout` next to the record as delivered. */
export interface CloudTrailDerived {
  /** `sourceIPAddress` when it is an IPv4/IPv6 address; absent for `signin.amazonaws.com`, `AWS Internal`… */
  sourceIp?: string;
  /** `sourceIPAddress` exactly as delivered, address or not. */
  sourceAddress?: string;
  /** Who acted, readable: `user/alice`, `role/ci-deploy (session gitlab-42)`, `root`, `service/ec2.amazonaws.com`. */
  principal: string;
  principalType?: string;
  /** For assumed roles: `role/<role name>`, so every session of a role groups together. */
  principalRole?: string;
  sessionName?: string;
  /** The account that logged the event (`recipientAccountId`). */
  account?: string;
  /** The caller's account (`userIdentity.accountId`); differs from `account` for cross-account calls. */
  callerAccount?: string;
  region?: string;
  outcome: 'success' | 'failure';
  /** AWS resource ids and ARNs found in the request, the response and `resources`. */
  resourceIds: string[];
}

export type ToDocumentResult = { ok: true; doc: BulkDocument } | { ok: false; reason: string };

export const MAX_RESOURCE_IDS = 100;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function lastSegment(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const segment = arn.split('/').at(-1);
  return segment === '' ? undefined : segment;
}

// CloudTrail writes `2026-11-25T23:59:59Z`; anything else that Date.parse would guess at
// ("1", "Nov 25") is refused rather than filed under a surprising day.
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseEventTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !EVENT_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time) : undefined;
}

interface Principal {
  principal: string;
  principalRole?: string;
  sessionName?: string;
}

function principalOf(identity: Json, sourceAddress: string | undefined): Principal {
  const type = str(identity.type);
  const arn = str(identity.arn);
  const userName = str(identity.userName);
  const sessionContext = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(sessionContext.sessionIssuer) ? sessionContext.sessionIssuer : {};
  switch (type) {
    case 'IAMUser':
      return { principal: `user/${userName ?? lastSegment(arn) ?? 'unknown'}` };
    case 'AssumedRole': {
      // arn:aws:sts::111122223333:assumed-role/<role>/<session>
      const roleName = str(issuer.userName) ?? arn?.split('/')[1] ?? 'unknown';
      const sessionName = lastSegment(arn);
      const principalRole = `role/${roleName}`;
      return sessionName
        ? { principal: `${principalRole} (session ${sessionName})`, principalRole, sessionName }
        : { principal: principalRole, principalRole };
    }
    case 'Root':
      return { principal: 'root' };
    case 'AWSService':
      return { principal: `service/${str(identity.invokedBy) ?? sourceAddress ?? 'unknown'}` };
    case 'FederatedUser': {
      // arn:aws:sts::111122223333:federated-user/<name>, principalId <account>:<name>
      const name = lastSegment(arn) ?? str(identity.principalId)?.split(':').at(-1) ?? userName ?? 'unknown';
      return { principal: `federated/${name}` };
    }
    default: {
      const accountId = str(identity.accountId);
      return { principal: arn ?? (accountId ? `account/${accountId}` : 'unknown') };
    }
  }
}

function outcomeOf(record: Json): 'success' | 'failure' {
  if (str(record.errorCode) !== undefined) return 'failure';
  // A failed console sign-in has no errorCode, only ConsoleLogin: "Failure".
  if (record.eventName === 'ConsoleLogin' && isObject(record.responseElements)) {
    if (record.responseElements.ConsoleLogin === 'Failure') return 'failure';
  }
  return 'success';
}

// EC2-style ids (8 or 17 hex digits after the prefix) and ARNs in any partition. Ids are also
// looked for inside ARNs: `resources` often names an instance only as `arn:…:instance/i-…`.
const EC2_ID =
  /\b(?:i|vol|snap|sg|subnet|vpc|ami|eni|igw|nat|rtb|eipalloc|lt|tgw|vpce|fs)-(?:[0-9a-f]{17}|[0-9a-f]{8})\b/g;
const ARN = /arn:aws[a-z-]*:[^\s"',;{}[\]]+/g;
const MAX_DEPTH = 32;

function collectResourceIds(value: unknown, found: Set<string>, depth: number): void {
  if (found.size >= MAX_RESOURCE_IDS || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    // The shortest id is 10 characters (`i-` + 8 hex); most values are shorter or plain words.
    if (value.length < 10 || (!value.includes('-') && !value.includes('arn:'))) return;
    for (const pattern of [ARN, EC2_ID]) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(value); match !== null; match = pattern.exec(value)) {
        found.add(match[0]);
        if (found.size >= MAX_RESOURCE_IDS) return;
      }
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectResourceIds(item, found, depth + 1);
  } else if (isObject(value)) {
    for (const item of Object.values(value)) collectResourceIds(item, found, depth + 1);
  }
}

export function deriveFields(record: Json): CloudTrailDerived {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const sourceAddress = str(record.sourceIPAddress);
  const found = new Set<string>();
  collectResourceIds(record.requestParameters, found, 0);
  collectResourceIds(record.responseElements, found, 0);
  collectResourceIds(record.resources, found, 0);
  // Fields are set one by one: spreading principalOf's differently shaped results costs more
  // than everything else here together (measured: ~6 µs of ~7 µs per record).
  const who = principalOf(identity, sourceAddress);
  const derived: CloudTrailDerived = {
    principal: who.principal,
    outcome: outcomeOf(record),
    resourceIds: [...found],
  };
  if (who.principalRole !== undefined) derived.principalRole = who.principalRole;
  if (who.sessionName !== undefined) derived.sessionName = who.sessionName;
  if (sourceAddress !== undefined) {
    derived.sourceAddress = sourceAddress;
    if (isIP(sourceAddress) !== 0) derived.sourceIp = sourceAddress;
  }
  const principalType = str(identity.type);
  if (principalType !== undefined) derived.principalType = principalType;
  const account = str(record.recipientAccountId);
  if (account !== undefined) derived.account = account;
  const callerAccount = str(identity.accountId);
  if (callerAccount !== undefined) derived.callerAccount = callerAccount;
  const region = str(record.awsRegion);
  if (region !== undefined) derived.region = region;
  return derived;
}

/**
 * Turns one CloudTrail record into the document Lookout stores: the record exactly as delivered
 * (every field kept), `@timestamp`, and derived `lookout.*` fields. The id is the producer's
 * `eventID`, so a file delivered or read twice is stored once.
 */
export function toCloudTrailDocument(record: unknown, indexPrefix: string): ToDocumentResult {
  if (!isObject(record)) return { ok: false, reason: 'not a CloudTrail record: expected a JSON object' };
  const eventID = record.eventID;
  if (typeof eventID !== 'string' || eventID.trim() === '') {
    return { ok: false, reason: 'no eventID: a record needs a string eventID to be stored exactly once' };
  }
  const eventTime = parseEventTime(record.eventTime);
  if (eventTime === undefined) {
    const got = record.eventTime === undefined ? 'missing' : JSON.stringify(record.eventTime).slice(0, 80);
    return { ok: false, reason: `eventTime is not an ISO 8601 time (got ${got})` };
  }
  return {
    ok: true,
    doc: {
      index: cloudtrailIndexName(indexPrefix, eventTime),
      id: eventID,
      document: { ...record, '@timestamp': eventTime.toISOString(), lookout: deriveFields(record) },
    },
  };
}
