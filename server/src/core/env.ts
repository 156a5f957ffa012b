import { existsSync } from 'node:fs';
import path from 'node:path';
import { isIP } from 'node:net';
import { Type, type TObject, type TSchema } from 'typebox';

/**
 * Environment variables declared as TypeBox schemas (type, default, bounds, description) and read
 * through them: the schema is the one place a default or a bound is written, the README's
 * configuration table is generated from the same schemas (scripts/config-table.ts), and every
 * reader throws a `ConfigError` that names the variable.
 */

export type Env = Record<string, string | undefined>;

/** A configuration error always names the variable that is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Annotations the README table reads besides `description` and `default`. */
// A type alias, not an interface: TypeBox's options accept it only with an implicit index signature.
export type VariableNotes = {
  description: string;
  /** Shown instead of `default` when the default is not a literal (`unset → …`, `http://HOST:PORT`). */
  defaultText?: string;
};

/** One schema per variable, in the order the README lists them. */
export type Variables = TObject<Record<string, TSchema>>;

export const variable = {
  string: (notes: VariableNotes & { default?: string }) => Type.String(notes),
  integer: (notes: VariableNotes & { default?: number; minimum: number; maximum: number }) =>
    Type.Integer(notes),
  number: (notes: VariableNotes & { default?: number; minimum: number; maximum: number }) =>
    Type.Number(notes),
  boolean: (notes: VariableNotes & { default: boolean }) => Type.Boolean(notes),
  oneOf: <const T extends readonly string[]>(values: T, notes: VariableNotes & { default: T[number] }) =>
    Type.Union(
      values.map((value) => Type.Literal(value)),
      notes,
    ),
  /** A comma-separated list; the default is written as the list. */
  list: (notes: VariableNotes & { default?: readonly string[] }) =>
    Type.String({ ...notes, ...(notes.default ? { default: notes.default.join(',') } : {}) }),
};

export function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

interface Declared {
  default?: unknown;
  minimum?: number;
  maximum?: number;
  anyOf?: { const: string }[];
}

/**
 * Reads the variables `variables` declares from `env`: each reader takes the default and bounds
 * from the variable's schema and checks the value's form, naming the variable when it is wrong.
 */
export function readerOf<V extends Variables>(env: Env, variables: V) {
  type Name = keyof V['properties'] & string;
  const declared = (name: Name): Declared => {
    const schema = variables.properties[name] as Declared | undefined;
    if (!schema) throw new Error(`variable ${name} is not declared`);
    return schema;
  };
  const listDefault = (name: Name): string[] => {
    const fallback = declared(name).default;
    return typeof fallback === 'string' ? fallback.split(',') : [];
  };
  const lowercaseName = (name: Name, what: string, pattern: RegExp): string => {
    const value = nonEmpty(env, name) ?? String(declared(name).default);
    if (!pattern.test(value)) {
      throw new ConfigError(name, `${what} are lowercase letters, digits, ".", "_" or "-"; got "${value}"`);
    }
    return value;
  };

  /** Comma-separated entries, each checked by `check` (which throws naming the entry). */
  const list = (name: Name, check: (entry: string) => string): string[] => {
    const raw = nonEmpty(env, name);
    if (raw === undefined) return listDefault(name);
    return raw.split(',').map((entry) => check(entry.trim()));
  };

  return {
    list,
    /** The raw value, else the declared default (or undefined when there is none). */
    string(name: Name): string | undefined {
      return nonEmpty(env, name) ?? (declared(name).default as string | undefined);
    },
    integer(name: Name): number {
      const { default: fallback, minimum = 0, maximum = Number.MAX_SAFE_INTEGER } = declared(name);
      const raw = nonEmpty(env, name);
      if (raw === undefined) return fallback as number;
      if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
      const value = Number(raw);
      if (value < minimum || value > maximum)
        throw new ConfigError(name, `must be between ${minimum} and ${maximum}, got ${value}`);
      return value;
    },
    /** A number between 0 and 1 such as 0.6. */
    fraction(name: Name): number {
      const raw = nonEmpty(env, name);
      if (raw === undefined) return declared(name).default as number;
      const value = Number(raw);
      if (!/^(?:0|1|0?\.\d+|1\.0*)$/.test(raw) || value > 1) {
        throw new ConfigError(name, `expected a number between 0 and 1 such as 0.6, got "${raw}"`);
      }
      return value;
    },
    /** `true` or `false`. */
    boolean(name: Name): boolean {
      const raw = nonEmpty(env, name);
      if (raw === undefined) return declared(name).default as boolean;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new ConfigError(name, `expected true or false, got "${raw}"`);
    },
    oneOf<T extends string>(name: Name): T {
      const allowed = (declared(name).anyOf ?? []).map((literal) => literal.const);
      const raw = nonEmpty(env, name) ?? String(declared(name).default);
      if (!allowed.includes(raw)) {
        throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${raw}"`);
      }
      return raw as T;
    },
    /** An index name or alias: lowercase, no wildcard (documents are written to it). */
    indexName(name: Name): string {
      return lowercaseName(name, 'index names', /^[a-z0-9][a-z0-9._-]*$/);
    },
    /** An index prefix safe to append a date to and to use with `*`. */
    indexPrefix(name: Name): string {
      return lowercaseName(name, 'index prefixes', /^[a-z0-9][a-z0-9._-]*$/);
    },
    /** An index pattern to read (wildcards and comma-separated patterns allowed). */
    indexPattern(name: Name): string {
      const value = nonEmpty(env, name) ?? String(declared(name).default);
      if (!/^[a-z0-9*][a-z0-9._*,-]*$/.test(value)) {
        throw new ConfigError(name, `expected an index pattern such as logstash-*, got "${value}"`);
      }
      return value;
    },
    cidrs(name: Name): string[] {
      return list(name, (cidr) => {
        const [address = '', prefix, extra] = cidr.split('/');
        const family = isIP(address);
        const bits = family === 4 ? 32 : 128;
        const prefixOk = prefix !== undefined && /^\d+$/.test(prefix) && Number(prefix) <= bits;
        if (family === 0 || !prefixOk || extra !== undefined) {
          throw new ConfigError(name, `"${cidr}" is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32`);
        }
        return cidr;
      });
    },
    /** An http(s) URL without its trailing slash. */
    httpUrl(name: Name): string | undefined {
      const raw = nonEmpty(env, name);
      if (raw === undefined) return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError(name, `not a URL: "${raw}"`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new ConfigError(name, `must start with http:// or https://, got "${url.protocol}"`);
      }
      return raw.replace(/\/$/, '');
    },
    /** A file that exists, resolved now (a relative path must not depend on the working directory later). */
    existingFile(name: Name): string | undefined {
      const file = nonEmpty(env, name);
      if (file === undefined) return undefined;
      const resolved = path.resolve(file);
      if (!existsSync(resolved)) throw new ConfigError(name, `no such file: ${file}`);
      return resolved;
    },
  };
}
