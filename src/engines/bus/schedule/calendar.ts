/** UTC calendar arithmetic for schedule evaluation. Days of the week use AWS's numbering: 1=SUN … 7=SAT. */

export const MINUTE_MS = 60_000;

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1-12) of `year`. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);

/** AWS day of the week (1=SUN … 7=SAT) of a UTC date; `month` is 1-12. */
export const dayOfWeek = (year: number, month: number, day: number): number =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

export const SUNDAY = 1;
export const SATURDAY = 7;
