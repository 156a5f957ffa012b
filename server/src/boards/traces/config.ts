import { Type } from 'typebox';
import type { ConfigSlice } from '../../core/config.ts';
import { readerOf, variable } from '../../core/env.ts';

export interface TracesConfig {
  /** Daily span indices are `<prefix>-YYYY.MM.DD` (the span's UTC start day), read as `<prefix>-*`. */
  indexPrefix: string;
}

declare module '../../core/config.ts' {
  interface BoardConfigs {
    traces: TracesConfig;
  }
}

const variables = Type.Object({
  TRACES_INDEX_PREFIX: variable.string({
    description: "span daily indices are `<prefix>-YYYY.MM.DD` (the span's UTC start day)",
    default: 'lookout-spans',
  }),
});

export const tracesConfig: ConfigSlice<TracesConfig> = {
  variables,
  read(env) {
    const read = readerOf(env, variables);
    return { indexPrefix: read.indexPrefix('TRACES_INDEX_PREFIX') };
  },
};
