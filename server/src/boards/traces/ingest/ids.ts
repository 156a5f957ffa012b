/**
 * Trace and span ids as stored: lowercase hex, left-padded to 32 (trace) or 16 (span) digits.
 * Jaeger writes ids without their leading zeros, Zipkin may send 64-bit trace ids, protobuf sends
 * raw bytes, and some tools write base64; a hex string always wins over a base64 reading, so a
 * value is never read two ways.
 */
export type IdKind = 'trace' | 'span';

const HEX_DIGITS: Record<IdKind, number> = { trace: 32, span: 16 };
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type IdResult = { id: string } | { problem: string };

function fromBytes(bytes: Uint8Array, kind: IdKind): IdResult {
  const digits = HEX_DIGITS[kind];
  // A 64-bit trace id (Zipkin, old Jaeger) is the low half of a 128-bit one.
  if (bytes.length * 2 !== digits && !(kind === 'trace' && bytes.length === 8)) {
    return { problem: `is ${bytes.length} bytes, expected ${digits / 2}` };
  }
  const hex = Buffer.from(bytes).toString('hex').padStart(digits, '0');
  if (/^0+$/.test(hex)) return { problem: 'is all zeros (an invalid id)' };
  return { id: hex };
}

/** Normalises one id; `problem` says what is wrong with it, for a message naming the span. */
export function normaliseId(value: unknown, kind: IdKind): IdResult {
  const digits = HEX_DIGITS[kind];
  if (value instanceof Uint8Array) return fromBytes(value, kind);
  if (typeof value !== 'string' || value === '') return { problem: 'is missing' };
  if (/^[0-9a-fA-F]+$/.test(value)) {
    if (value.length > digits) return { problem: `"${value}" has more than ${digits} hex digits` };
    const hex = value.toLowerCase().padStart(digits, '0');
    if (/^0+$/.test(hex)) return { problem: 'is all zeros (an invalid id)' };
    return { id: hex };
  }
  if (BASE64.test(value)) {
    const bytes = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (bytes.length === digits / 2 || (kind === 'trace' && bytes.length === 8))
      return fromBytes(bytes, kind);
  }
  return {
    problem: `"${value.slice(0, 64)}" is neither hex (up to ${digits} digits) nor base64 of ${digits / 2} bytes`,
  };
}

/** A parent id: absent, empty, or all zeros (Jaeger/Zipkin roots) all mean "no parent". */
export function normaliseParentId(value: unknown): IdResult | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Uint8Array && value.length === 0) return undefined;
  if (typeof value === 'string' && /^0+$/.test(value)) return undefined;
  return normaliseId(value, 'span');
}
