import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FailureCause } from './schema.ts';

/**
 * Whose fault a failed deploy was, decided by rules from a JSON file: every pattern a rule gives
 * must match (case-insensitive regex); the first matching rule wins; no match → unknown.
 */

export interface ClassificationRule {
  id: string;
  description: string;
  cause: Exclude<FailureCause, 'unknown'>;
  match: { stage?: RegExp; code?: RegExp; message?: RegExp };
}

export interface Classification {
  cause: FailureCause;
  /** The rule that decided, or null when none matched. */
  ruleId: string | null;
}

export interface FailureFields {
  failure?: { stage?: string; code?: string; message?: string };
}

export const DEFAULT_RULES_FILE = fileURLToPath(new URL('./default-rules.json', import.meta.url));

export class RulesError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'RulesError';
  }
}

const MATCH_FIELDS = ['stage', 'code', 'message'] as const;

/** Validates a parsed rules document; every problem names the rule (by id or position). */
export function parseRules(document: unknown, source = 'rules'): ClassificationRule[] {
  const list = (document as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(list)) throw new RulesError(source, 'expected an object with a "rules" array');
  const seen = new Set<string>();
  return list.map((raw: unknown, position) => {
    const rule = (raw ?? {}) as Record<string, unknown>;
    const id = typeof rule.id === 'string' && rule.id.trim() !== '' ? rule.id : undefined;
    const name = id ? `rule "${id}"` : `rule #${position + 1}`;
    if (!id) throw new RulesError(source, `${name} has no "id"`);
    if (seen.has(id)) throw new RulesError(source, `${name} appears twice`);
    seen.add(id);
    if (typeof rule.description !== 'string' || rule.description.trim() === '') {
      throw new RulesError(source, `${name} has no "description"`);
    }
    if (rule.cause !== 'user' && rule.cause !== 'platform') {
      throw new RulesError(
        source,
        `${name}: "cause" must be "user" or "platform", got ${JSON.stringify(rule.cause)}`,
      );
    }
    const rawMatch = (rule.match ?? {}) as Record<string, unknown>;
    const match: ClassificationRule['match'] = {};
    for (const field of MATCH_FIELDS) {
      const pattern = rawMatch[field];
      if (pattern === undefined) continue;
      if (typeof pattern !== 'string')
        throw new RulesError(source, `${name}: match.${field} must be a string`);
      try {
        match[field] = new RegExp(pattern, 'i');
      } catch (error) {
        throw new RulesError(
          source,
          `${name}: match.${field} is not a valid regex (${(error as Error).message})`,
        );
      }
    }
    const unknownKeys = Object.keys(rawMatch).filter(
      (key) => !(MATCH_FIELDS as readonly string[]).includes(key),
    );
    if (unknownKeys.length > 0)
      throw new RulesError(source, `${name}: unknown match field ${unknownKeys.join(', ')}`);
    if (Object.keys(match).length === 0) {
      throw new RulesError(source, `${name}: "match" needs at least one of stage, code, message`);
    }
    return { id, description: rule.description, cause: rule.cause, match };
  });
}

/** Reads and validates a rules file (DEPLOY_RULES_FILE, else the defaults next to this module). */
export function loadRules(file: string = DEFAULT_RULES_FILE): ClassificationRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulesError(file, `cannot read (${(error as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RulesError(file, `not JSON (${(error as Error).message})`);
  }
  return parseRules(document, file);
}

/** First rule whose every pattern matches the failure wins; a missing field never matches. */
export function classifyFailure(event: FailureFields, rules: readonly ClassificationRule[]): Classification {
  const failure = event.failure ?? {};
  for (const rule of rules) {
    const matches = MATCH_FIELDS.every((field) => {
      const pattern = rule.match[field];
      if (!pattern) return true;
      const value = failure[field];
      return value !== undefined && pattern.test(value);
    });
    if (matches) return { cause: rule.cause, ruleId: rule.id };
  }
  return { cause: 'unknown', ruleId: null };
}
