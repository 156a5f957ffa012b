/** A series' colour as a small square before its name (the name is always there too). */
export function Swatch({ color, className }: { color: string; className?: string }) {
  return (
    <span
      className={className ? `swatch ${className}` : 'swatch'}
      style={{ background: color }}
      aria-hidden="true"
    />
  );
}
