import { ApiError, apiUrl, errorFrom, requestHeaders, type QueryParams } from './api.ts';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportProgress {
  /** Data rows received so far (the CSV header not counted). */
  rows: number;
  /** Rows the export will hold, from the server's header; undefined when it did not say. */
  total: number | undefined;
}

export interface ExportResult {
  fileName: string;
  blob: Blob;
  rows: number;
  /** The server stopped at its row limit (EXPORT_MAX_ROWS). */
  truncated: boolean;
  limit: number | undefined;
}

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (const byte of chunk) if (byte === 10) count += 1;
  return count;
}

/**
 * Fetches a list's whole export as it streams, counting rows for the progress line; `signal`
 * cancels it (the server then stops reading the engine). The rows end up in a Blob the browser
 * saves; the server never holds more than a page.
 */
export async function fetchExport(
  path: string,
  params: QueryParams,
  format: ExportFormat,
  options: { signal: AbortSignal; onProgress: (progress: ExportProgress) => void },
): Promise<ExportResult> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, { ...params, format }), {
      signal: options.signal,
      headers: { ...requestHeaders(), accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new ApiError(0, 'Lookout server is not responding');
  }
  if (!response.ok) throw await errorFrom(response);
  const totalHeader = response.headers.get('x-lookout-export-total');
  const limitHeader = response.headers.get('x-lookout-export-limit');
  const limit = limitHeader === null ? undefined : Number(limitHeader);
  const total = totalHeader === null ? undefined : Math.min(Number(totalHeader), limit ?? Infinity);
  const truncated = response.headers.get('x-lookout-export-truncated') === 'true';
  const chunks: BlobPart[] = [];
  // CSV: the header line is not a row; the limit note (when truncated) is not either.
  let lines = 0;
  const rowsOf = (count: number) => Math.max(0, count - (format === 'csv' ? 1 : 0));
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      lines += countNewlines(value);
      options.onProgress({ rows: Math.min(rowsOf(lines), total ?? Infinity), total });
    }
  }
  const rows = Math.min(rowsOf(lines), total ?? Infinity);
  const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  return {
    fileName: fileNameOf(response, `export.${format}`),
    blob: new Blob(chunks, { type }),
    rows,
    truncated,
    limit,
  };
}

/** Hands a finished export to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
