import { Type } from 'typebox';
import { configSlice } from '../../core/config.ts';
import { ConfigError, variable } from '../../core/env.ts';

export interface DeploymentsConfig {
  /** The one index (or alias) of deploy/release events; `_id` is the SNS MessageId. */
  index: string;
  /** SNS topics whose notifications are accepted; any other TopicArn is refused (403). */
  snsTopicArns: string[];
  /** Hosts `SigningCertURL` and `SubscribeURL` may point at; `*` stands for one DNS label. */
  snsCertHosts: string[];
  /** False only when SNS_VERIFY=false: signatures are then not checked (logged at start). */
  snsVerify: boolean;
  /** Failure classification rules; absent means the board's default-rules.json. */
  rulesFile?: string;
}

declare module '../../core/config.ts' {
  interface BoardConfigs {
    deployments: DeploymentsConfig;
  }
}

/** SNS signs with certificates on its own regional hosts, e.g. sns.eu-west-1.amazonaws.com. */
export const DEFAULT_SNS_CERT_HOSTS = ['sns.*.amazonaws.com'];

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const HOST_PATTERN = /^(?:\*|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.(?:\*|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?))*$/;

const variables = Type.Object({
  DEPLOYMENTS_INDEX: variable.string({
    description: 'index of deploy/release events',
    default: 'lookout-deployments',
  }),
  SNS_TOPIC_ARNS: variable.list({
    description: 'comma-separated SNS topic ARNs whose notifications are accepted',
  }),
  SNS_CERT_HOSTS: variable.list({
    description: 'hosts `SigningCertURL` and `SubscribeURL` may point at (`*`: one DNS label)',
    default: DEFAULT_SNS_CERT_HOSTS,
  }),
  SNS_VERIFY: variable.boolean({
    description: '`false` turns signature verification off (logged at start)',
    default: true,
  }),
  DEPLOY_RULES_FILE: variable.string({
    description: 'JSON file of failure classification rules',
    defaultText: 'built-in rules',
  }),
});

export const deploymentsConfig = configSlice(variables, (read): DeploymentsConfig => {
  return {
    index: read.indexName('DEPLOYMENTS_INDEX'),
    snsTopicArns: read.list('SNS_TOPIC_ARNS', (arn) => {
      if (!TOPIC_ARN.test(arn)) {
        throw new ConfigError(
          'SNS_TOPIC_ARNS',
          `"${arn}" is not an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:deployments`,
        );
      }
      return arn;
    }),
    snsCertHosts: read.list('SNS_CERT_HOSTS', (entry) => {
      const host = entry.toLowerCase();
      if (!HOST_PATTERN.test(host)) {
        throw new ConfigError(
          'SNS_CERT_HOSTS',
          `"${host}" is not a host name pattern such as sns.*.amazonaws.com`,
        );
      }
      return host;
    }),
    snsVerify: read.boolean('SNS_VERIFY'),
    rulesFile: read.existingFile('DEPLOY_RULES_FILE'),
  };
});
