import { readFile } from 'node:fs/promises';

/** Ids in request order: a JSON array of strings, or one id a line (blank lines ignored). */
export async function readIdList(file: string): Promise<string[]> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || parsed.some((id) => typeof id !== 'string' && typeof id !== 'number')) {
      throw new Error('a JSON id list must be an array of strings');
    }
    return parsed.map((id) => String(id).trim());
  }
  return text
    .split(/\r?\n/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}
