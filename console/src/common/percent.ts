/**
 * A percentage typed by a person, kept as the fraction the API stores: "25" or "25 %" is 0.25.
 * The problem is a message key, so the field can say what to type in the console's language.
 */
export type PercentParse =
  | { fraction: number; problem?: undefined }
  | { fraction?: undefined; problem: 'percent_required' | 'percent_not_number' | 'percent_range' };

export function parsePercent(
  text: string,
  bounds: { min: number; max: number; minExclusive?: boolean } = { min: 0, max: 100 },
): PercentParse {
  const trimmed = text
    .trim()
    .replace(/\s*[%％]$/, '')
    .replace(',', '.');
  if (trimmed === '') return { problem: 'percent_required' };
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { problem: 'percent_not_number' };
  const value = Number(trimmed);
  if (value > bounds.max || value < bounds.min || (bounds.minExclusive && value === bounds.min)) return { problem: 'percent_range' };
  // Rounded so 29 % is stored as 0.29, not 0.29000000000000004.
  return { fraction: Number((value / 100).toFixed(6)) };
}

/** A stored fraction shown as a percentage for editing: 0.25 → "25". */
export const fractionToPercentText = (fraction: number | null | undefined) =>
  fraction == null ? '' : String(Number((fraction * 100).toFixed(4)));
