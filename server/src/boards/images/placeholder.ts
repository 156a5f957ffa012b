/**
 * Small generated stand-ins for hotel photos, so the demo's results grid works with no network:
 * the image's shape, a colour derived from its hotel, the hotel name, top tags and size.
 */

export interface PlaceholderImage {
  imageId: string;
  hotelId?: string;
  hotelName?: string;
  width?: number;
  height?: number;
  tags?: string[];
}

/** Longest side of the generated image, in CSS pixels (a thumbnail). */
export const PLACEHOLDER_SIZE = 320;

/** FNV-1a: the same name always gives the same colour. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function placeholderSvg(image: PlaceholderImage): string {
  const ratio = image.width && image.height ? image.width / image.height : 4 / 3;
  const width = Math.round(ratio >= 1 ? PLACEHOLDER_SIZE : PLACEHOLDER_SIZE * ratio);
  const height = Math.round(ratio >= 1 ? PLACEHOLDER_SIZE / ratio : PLACEHOLDER_SIZE);
  const hue = hash(image.hotelId ?? image.imageId) % 360;
  const shade = 30 + (hash(image.imageId) % 20);
  const title = escapeXml(truncate(image.hotelName ?? image.imageId, 30));
  const tags = escapeXml(truncate((image.tags ?? []).slice(0, 3).join(' · '), 40));
  const size = image.width && image.height ? `${image.width}×${image.height}` : '';
  const middle = Math.round(height / 2);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}">` +
    `<rect width="100%" height="100%" fill="hsl(${hue} 45% ${shade}%)"/>` +
    `<rect y="${height - 28}" width="100%" height="28" fill="rgb(0 0 0 / 0.35)"/>` +
    `<g fill="#fff" font-family="system-ui, sans-serif" text-anchor="middle">` +
    `<text x="50%" y="${middle - 4}" font-size="16" font-weight="600">${title}</text>` +
    `<text x="50%" y="${middle + 18}" font-size="12" opacity="0.85">${tags}</text>` +
    `<text x="50%" y="${height - 9}" font-size="11" opacity="0.9">${escapeXml(size)}</text>` +
    `</g></svg>`
  );
}
