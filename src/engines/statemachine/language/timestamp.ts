/**
 * ISO-8601 extended offset date-time, as AWS (Java's ISO_OFFSET_DATE_TIME, strict) accepts it:
 * `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+01:00`, `2016-03-14T01:59Z` (seconds are
 * optional). An offset is mandatory; out-of-range fields (hour 25, month 13, Feb 30) are invalid.
 */
const RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds (fractional below 1 ms) or undefined when `text` is not valid. */
export function parseTimestamp(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && leap ? 29 : DAYS[month - 1]!;
  if (day > maxDay) return undefined;
  let offsetMin = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    const os = m[12] === undefined ? 0 : Number(m[12]);
    if (oh > 18 || om > 59 || os > 59) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om + os / 60);
  }
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(base);
  if (year < 100) d.setUTCFullYear(year);
  return d.getTime() + frac - offsetMin * 60000;
}
