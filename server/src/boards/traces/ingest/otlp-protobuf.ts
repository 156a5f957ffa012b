import { createRequire } from 'node:module';

/**
 * OTLP protobuf through the official opentelemetry-proto definitions: the static code that
 * @opentelemetry/otlp-transformer generates from them with protobufjs (its `generated/root`),
 * never a hand-written decoder. 0.200 is the last release that ships it and runs on Node 20.
 */

interface MessageType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: { longs: StringConstructor; enums: NumberConstructor }): unknown;
  fromObject(value: unknown): unknown;
  encode(message: unknown): { finish(): Uint8Array };
}

interface OtlpRoot {
  opentelemetry: {
    proto: {
      collector: {
        trace: { v1: { ExportTraceServiceRequest: MessageType; ExportTraceServiceResponse: MessageType } };
      };
    };
  };
}

const require = createRequire(import.meta.url);
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js') as OtlpRoot;
const traceService = root.opentelemetry.proto.collector.trace.v1;

/**
 * A protobuf `ExportTraceServiceRequest` as a plain object (ids stay bytes, int64 become decimal
 * strings, enums numbers); throws on bytes that are not one.
 */
export function decodeOtlpProtobuf(body: Uint8Array): unknown {
  const message = traceService.ExportTraceServiceRequest.decode(body);
  return traceService.ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number });
}

/** A request as an exporter would send it (tests, bench): the same definitions, encoding. */
export function encodeOtlpProtobuf(request: unknown): Uint8Array {
  const { ExportTraceServiceRequest } = traceService;
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish();
}

export interface ExportTraceServiceResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

export function encodeOtlpResponse(response: ExportTraceServiceResponse): Uint8Array {
  const { ExportTraceServiceResponse } = traceService;
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(response)).finish();
}

export function decodeOtlpResponse(body: Uint8Array): unknown {
  const { ExportTraceServiceResponse } = traceService;
  return ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(body), {
    longs: String,
    enums: Number,
  });
}
