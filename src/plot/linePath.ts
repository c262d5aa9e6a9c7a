/** Options for {@link linePath}. */
export interface LinePathOptions {
  /** Plot area width and height, px. */
  widthPx: number;
  heightPx: number;
  /** Value range mapped to the bottom and top of the area; defaults to the data's min and max. */
  yMin?: number;
  yMax?: number;
  /** Time of the last sample, for the x scale (default: values.length - 1). */
  xMax?: number;
}

/**
 * An SVG path for a series sampled once per unit of x (seconds). Nulls and non-finite values break
 * the line, so a stretch with no face shows as a gap rather than an invented value.
 */
export function linePath(values: readonly (number | null)[], opts: LinePathOptions): string {
  let lo = opts.yMin ?? Infinity;
  let hi = opts.yMax ?? -Infinity;
  if (opts.yMin === undefined || opts.yMax === undefined) {
    for (const v of values) {
      if (v === null || !Number.isFinite(v)) continue;
      if (opts.yMin === undefined && v < lo) lo = v;
      if (opts.yMax === undefined && v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  if (hi === lo) {
    hi += 0.5;
    lo -= 0.5;
  }
  const xMax = Math.max(1, opts.xMax ?? values.length - 1);
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const x = (i / xMax) * opts.widthPx;
    const y = opts.heightPx - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * opts.heightPx;
    parts.push(`${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`);
    pen = true;
  }
  return parts.join('');
}
