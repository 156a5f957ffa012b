/**
 * One reader for every ingest body and file: a single JSON document (pretty-printed or not), a
 * JSON array, or NDJSON, told apart by parsing — not by counting lines. It reads chunk by chunk,
 * so the limits trip while the input arrives: a body with too many events is refused at the first
 * event over the limit, and an event nested too deep, too large or with a too-long string is
 * rejected alone (by position) while the rest of the input still counts.
 *
 * The scanner only finds where each event starts and ends (depth, strings, escapes); each event's
 * own text then goes through `JSON.parse`, which is safe once its depth is known to be small.
 * Top-level arrays are unwrapped: their elements are the events. A first value that starts and
 * ends on one line followed by another value makes the rest NDJSON: from then on a line break
 * ends an event, so one broken line costs only itself.
 */

export interface JsonLimits {
  /** Events in the whole input; one more is a `JsonLimitError` (the request is refused). */
  maxValues: number;
  /** Nesting of one event (an object holding an array is depth 2). */
  maxDepth: number;
  /** Characters of one event's JSON text. */
  maxValueChars: number;
  /** Characters of one string (key or value) inside an event. */
  maxStringChars: number;
  /**
   * One document expected: stop scanning at the first limit crossed (the caller refuses the
   * whole input), instead of reading on to the end of the event to keep the others.
   */
  stopAtFirstProblem?: boolean;
}

/**
 * One event of the input, numbered from 0 in input order, with the line (from 1) it starts on:
 * its value, or why it has none.
 */
export type JsonItem =
  { position: number; line?: number; value: unknown } | { position: number; line?: number; problem: string };

/** The input as a whole is over a limit (the caller answers 413 naming it). */
export class JsonLimitError extends Error {
  readonly statusCode = 413;
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = 'JsonLimitError';
  }
}

export const NOT_JSON =
  'is not JSON: neither one JSON document, a JSON array, nor NDJSON (one JSON value a line)';

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}

/**
 * An incremental reader: `push` each chunk of text as it arrives, `end` once; both return the
 * events completed so far. Throws `JsonLimitError` when the input holds more than `maxValues`.
 */
export function createJsonReader(limits: JsonLimits) {
  let position = 0;
  /** Inside a top-level array, between or in its elements. */
  let inTopArray = false;
  let lineMode = false;
  let topValuesEnded = 0;
  let firstValueOneLine = false;
  let produced = 0;
  let parsed = 0;
  let notJson = 0;
  let line = 1;
  let valueLine = 1;

  // The event being scanned.
  let inValue = false;
  let pieces: string[] = [];
  let chars = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringChars = 0;
  let scalar = false;
  let sawLineBreak = false;
  let problem: string | undefined;
  let out: JsonItem[] = [];

  function emit(item: JsonItem): void {
    produced += 1;
    if (produced > limits.maxValues) {
      throw new JsonLimitError(
        'events per request',
        `more than ${limits.maxValues} events in one request (the limit of events per request); send them in smaller batches`,
      );
    }
    out.push(item);
  }

  function startValue(): void {
    inValue = true;
    pieces = [];
    chars = 0;
    depth = 0;
    inString = false;
    escaped = false;
    scalar = false;
    sawLineBreak = false;
    problem = undefined;
    valueLine = line;
  }

  function poison(reason: string): void {
    if (problem === undefined) problem = reason;
    pieces = [];
  }

  function finishValue(broken?: string): void {
    inValue = false;
    const at = position;
    position += 1;
    if (!inTopArray) {
      topValuesEnded += 1;
      if (topValuesEnded === 1) firstValueOneLine = !sawLineBreak;
    }
    if (problem !== undefined) return emit({ position: at, line: valueLine, problem });
    let value: unknown;
    try {
      if (broken !== undefined) throw new SyntaxError(broken);
      value = JSON.parse(pieces.join(''));
    } catch {
      notJson += 1;
      pieces = [];
      return emit({
        position: at,
        line: valueLine,
        problem: broken ?? (lineMode ? 'line is not JSON' : 'is not JSON'),
      });
    }
    pieces = [];
    parsed += 1;
    emit({ position: at, line: valueLine, value });
  }

  /** Too short to hold a too-long string, with fewer brackets than the depth limit. */
  function lineWithinLimits(text: string, from: number, to: number): boolean {
    const length = to - from;
    if (length > limits.maxStringChars || length > limits.maxValueChars) return false;
    let brackets = 0;
    for (let at = text.indexOf('[', from); at !== -1 && at < to; at = text.indexOf('[', at + 1))
      brackets += 1;
    for (let at = text.indexOf('{', from); at !== -1 && at < to; at = text.indexOf('{', at + 1))
      brackets += 1;
    return brackets <= limits.maxDepth;
  }

  function scan(text: string): void {
    let start = inValue ? 0 : -1;
    const keep = (end: number) => {
      if (start === -1 || problem !== undefined) return;
      const piece = text.slice(start, end);
      chars += piece.length;
      if (chars > limits.maxValueChars) {
        poison(`larger than ${limits.maxValueChars} characters (the limit per event)`);
        return;
      }
      pieces.push(piece);
    };
    for (let i = 0; i < text.length; i += 1) {
      if (problem !== undefined && limits.stopAtFirstProblem) return;
      const code = text.charCodeAt(i);
      if (code === LF) line += 1;
      if (!inValue) {
        if (isSpace(code)) {
          if (code === LF && topValuesEnded === 1 && firstValueOneLine && !inTopArray) lineMode = true;
          continue;
        }
        if (inTopArray && (code === COMMA || code === CLOSE_ARRAY)) {
          if (code === CLOSE_ARRAY) {
            inTopArray = false;
            topValuesEnded += 1;
          }
          continue;
        }
        if (!inTopArray && code === OPEN_ARRAY && !lineMode) {
          inTopArray = true;
          continue;
        }
        startValue();
        start = i;
        if (lineMode) {
          const end = text.indexOf('\n', i);
          if (end !== -1 && lineWithinLimits(text, i, end)) {
            // A whole line that cannot break a limit goes to JSON.parse without a character scan.
            keep(end);
            start = -1;
            finishValue();
            i = end - 1;
            continue;
          }
        }
      }
      // Inside an event.
      if (inString) {
        if (escaped) escaped = false;
        else if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) {
          inString = false;
          if (depth === 0) {
            keep(i + 1);
            start = -1;
            finishValue();
          }
          continue;
        } else if (code === LF && lineMode) {
          keep(i);
          start = -1;
          finishValue('line is not JSON');
          continue;
        }
        stringChars += 1;
        if (stringChars > limits.maxStringChars) {
          poison(`holds a string longer than ${limits.maxStringChars} characters (the limit per string)`);
        }
        continue;
      }
      if (code === LF) {
        sawLineBreak = true;
        if (lineMode && (depth > 0 || scalar)) {
          keep(i);
          start = -1;
          finishValue(depth > 0 ? 'line is not JSON' : undefined);
          continue;
        }
      }
      if (scalar) {
        if (isSpace(code) || code === COMMA || code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
          keep(i);
          start = -1;
          finishValue();
          i -= 1; // the delimiter belongs to what surrounds the scalar
          if (code === LF) line -= 1;
        }
        continue;
      }
      if (code === QUOTE) {
        inString = true;
        stringChars = 0;
      } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        depth += 1;
        if (depth > limits.maxDepth) {
          poison(`nested deeper than ${limits.maxDepth} levels (the limit per event)`);
        }
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        depth -= 1;
        if (depth <= 0) {
          keep(i + 1);
          start = -1;
          finishValue(depth < 0 ? 'is not JSON' : undefined);
        }
      } else if (depth === 0 && !isSpace(code)) {
        scalar = true;
      }
    }
    if (inValue) keep(text.length);
  }

  return {
    push(text: string): JsonItem[] {
      out = [];
      scan(text);
      return out;
    },
    end(): JsonItem[] {
      out = [];
      if (inValue) {
        if (scalar && depth === 0 && !inString) finishValue();
        else finishValue(lineMode ? 'line is not JSON' : 'is not JSON (it ends before the document does)');
      }
      return out;
    },
    /** Why the event being read is already refused (a limit it crossed), before it ends. */
    get pendingProblem(): string | undefined {
      return inValue ? problem : undefined;
    },
    /** True when the input held something and none of it was JSON (one rejection says so). */
    get nothingWasJson(): boolean {
      return parsed === 0 && notJson > 0 && notJson === produced;
    },
  };
}

/**
 * Reads all of a text (or its chunks) at once. When nothing in it parses, the whole input gets one
 * rejection saying what Lookout accepts, not one per line.
 */
export async function readJsonItems(
  chunks: AsyncIterable<string> | Iterable<string>,
  limits: JsonLimits,
): Promise<JsonItem[]> {
  const reader = createJsonReader(limits);
  const items: JsonItem[] = [];
  for await (const chunk of chunks) items.push(...reader.push(chunk));
  items.push(...reader.end());
  return reader.nothingWasJson ? [{ position: 0, problem: NOT_JSON }] : items;
}

/**
 * Per request on the HTTP ingest endpoints. EventBridge and SNS deliver one event of at most
 * 256 KB; real ECS events nest about 6 deep and no string in them comes near 32 K characters.
 */
export const HTTP_INGEST_LIMITS: JsonLimits = {
  maxValues: 5_000,
  maxDepth: 32,
  maxValueChars: 256 * 1024,
  maxStringChars: 32 * 1024,
};

/** An ingest answer names this many rejections (the counts cover all of them). */
export const MAX_LISTED_REJECTIONS = 20;

/** No limits beyond memory: files a person chose to load with the CLI. */
export const FILE_LIMITS: JsonLimits = {
  maxValues: Number.POSITIVE_INFINITY,
  maxDepth: 512,
  maxValueChars: 256 * 1024 * 1024,
  maxStringChars: 64 * 1024 * 1024,
};
