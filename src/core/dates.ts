/**
 * Calendar dates (PERIODS.md §9). A date is an ISO string `yyyy-MM-dd` with no time of day and no time
 * zone: windows, deadlines and received dates are Vietnam calendar dates. All arithmetic is done on day
 * numbers computed here, never through the local time zone, so results are the same on every machine,
 * in Node, the browser and a Web Worker.
 */

/** An ISO calendar date `yyyy-MM-dd` (year 0001–9999). */
export type IsoDate = string;

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function dayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumber (civil_from_days). */
function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function format({ y, m, d }: Ymd): IsoDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function splitIso(iso: IsoDate): Ymd | null {
  const match = ISO_RE.exec(iso);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

/** Split an ISO date; a malformed one is a programming error, not user input. */
function ymdOf(iso: IsoDate): Ymd {
  const ymd = splitIso(iso);
  if (!ymd) throw new RangeError(`Not an ISO date (yyyy-MM-dd): "${iso}"`);
  return ymd;
}

function fromDayNumberChecked(n: number): IsoDate {
  const ymd = fromDayNumber(n);
  if (!isValidYmd(ymd.y, ymd.m, ymd.d)) throw new RangeError(`Date out of range (years 0001–9999): day ${n}`);
  return format(ymd);
}

/** `yyyy-MM-ddTHH:mm[:ss]Z` naming a real day and time (not 2023-02-30, which Date.parse takes as March 2nd; not 24:00). */
export function isRealUtcTime(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/u.exec(s);
  if (!m) return false;
  const [, date = "", hh = "", mm = "", ss = "00"] = m;
  return isIsoDate(date) && Number(hh) < 24 && Number(mm) < 60 && Number(ss) < 60;
}

/** True for a well-formed `yyyy-MM-dd` string naming a real calendar date. */
export function isIsoDate(s: string): boolean {
  return splitIso(s) !== null;
}

/** The ISO date of a year, month (1–12) and day, or null if that day does not exist. */
export function tryMakeIsoDate(y: number, m: number, d: number): IsoDate | null {
  return isValidYmd(y, m, d) ? format({ y, m, d }) : null;
}

/** The ISO date of a year, month (1–12) and day; throws RangeError if that day does not exist. */
export function makeIsoDate(y: number, m: number, d: number): IsoDate {
  const iso = tryMakeIsoDate(y, m, d);
  if (iso === null) throw new RangeError(`Not a calendar date: ${y}-${m}-${d}`);
  return iso;
}

/** Year, month (1–12) and day of an ISO date. */
export function isoParts(iso: IsoDate): { readonly year: number; readonly month: number; readonly day: number } {
  const { y, m, d } = ymdOf(iso);
  return { year: y, month: m, day: d };
}

/** The date n calendar days after iso (n may be negative). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromDayNumberChecked(dayNumber(ymdOf(iso)) + n);
}

/** b − a in days (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(ymdOf(b)) - dayNumber(ymdOf(a));
}

/** Comparator for sorting: negative when a is earlier, 0 when equal, positive when later. */
export function compareIso(a: IsoDate, b: IsoDate): number {
  return daysBetween(b, a);
}

// Day first for every separator (Vietnamese usage, never US month first). Leading zeros are optional
// for all three separators, not only for "/": "5-9-2023" is as unambiguous as "5/9/2023".
const DMY_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/u;

/**
 * Read a date typed as text (PERIODS.md §9): `d/M/yyyy`, `dd/MM/yyyy`, `dd-MM-yyyy`, `dd.MM.yyyy` or
 * `yyyy-MM-dd`. Null for anything else, including impossible dates such as 31/02/2023.
 */
export function parseDateText(text: string): IsoDate | null {
  const t = text.trim();
  const iso = ISO_RE.exec(t);
  if (iso) return tryMakeIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = DMY_RE.exec(t);
  if (dmy) return tryMakeIsoDate(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]));
  return null;
}

const DAY_1899_12_30 = dayNumber({ y: 1899, m: 12, d: 30 });
const DAY_1899_12_31 = dayNumber({ y: 1899, m: 12, d: 31 });
const DAY_1900_03_01 = dayNumber({ y: 1900, m: 3, d: 1 });
const DAY_1904_01_01 = dayNumber({ y: 1904, m: 1, d: 1 });

/**
 * The calendar date of an Excel date serial; the time of day (fraction) is dropped.
 * 1900 system: serial 1 = 1900-01-01 and Excel counts a fictitious 1900-02-29 as serial 60, so serials
 * from 61 are one day "ahead" of a plain count. Serial 60 itself has no real date; it is read as
 * 1900-03-01 (the day Excel's count resumes, as openpyxl does), and serial 0 as 1899-12-31.
 * 1904 system: serial 0 = 1904-01-01. Negative serials are not dates in either system (RangeError).
 */
export function excelSerialToIsoDate(serial: number, date1904: boolean): IsoDate {
  if (!Number.isFinite(serial)) throw new RangeError(`Not an Excel date serial: ${serial}`);
  const whole = Math.floor(serial);
  if (whole < 0) throw new RangeError(`Negative Excel date serial: ${serial}`);
  if (date1904) return fromDayNumberChecked(DAY_1904_01_01 + whole);
  if (whole < 60) return fromDayNumberChecked(DAY_1899_12_31 + whole);
  if (whole === 60) return fromDayNumberChecked(DAY_1900_03_01);
  return fromDayNumberChecked(DAY_1899_12_30 + whole);
}

/** The Excel serial of a date (inverse of excelSerialToIsoDate; never returns the fictitious 60). */
export function isoDateToExcelSerial(iso: IsoDate, date1904: boolean): number {
  const n = dayNumber(ymdOf(iso));
  const serial = date1904 ? n - DAY_1904_01_01 : n < DAY_1900_03_01 ? n - DAY_1899_12_31 : n - DAY_1899_12_30;
  if (serial < 0) throw new RangeError(`Date before the ${date1904 ? "1904" : "1900"} date system: ${iso}`);
  return serial;
}

/** `dd/MM/yyyy`, as printed on forms and messages. */
export function formatDateVi(iso: IsoDate): string {
  const { y, m, d } = ymdOf(iso);
  return `${pad(d, 2)}/${pad(m, 2)}/${pad(y, 4)}`;
}

/**
 * The place-and-date line of a document, Decree 30/2020/NĐ-CP style: days below 10 and the months 1 and
 * 2 take a leading zero ("Hà Nội, ngày 05 tháng 02 năm 2024", "Hà Nội, ngày 16 tháng 9 năm 2023").
 * Without a date the numbers are left as "…" to be written by hand. An empty place gives a line that
 * starts with "ngày".
 */
export function documentDateLine(place: string, iso: IsoDate | null): string {
  const where = place.trim();
  const prefix = where === "" ? "" : `${where}, `;
  if (iso === null) return `${prefix}ngày \u2026 tháng \u2026 năm \u2026`;
  const { y, m, d } = ymdOf(iso);
  const month = m <= 2 ? pad(m, 2) : String(m);
  return `${prefix}ngày ${pad(d, 2)} tháng ${month} năm ${y}`;
}

// W3CDTF / ISO 8601 as written in docProps/core.xml and in option `creationTime`.
const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/u;

const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** vietnamDateOfTimestamp, or null when the text is not an ISO 8601 timestamp. */
export function tryVietnamDateOfTimestamp(isoTimestamp: string): IsoDate | null {
  const match = TIMESTAMP_RE.exec(isoTimestamp.trim());
  if (!match) return null;
  const date = tryMakeIsoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (date === null) return null;
  // A date without a time of day is already a calendar date: nothing to convert.
  if (match[4] === undefined) return date;
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offset = 0; // no designator: the spec's timestamps are UTC
  const zone = match[7];
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offset = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  const minutesInVietnam = hour * 60 + minute - offset + VIETNAM_OFFSET_MINUTES;
  return addDays(date, Math.floor(minutesInVietnam / 1440));
}

/**
 * The Vietnam calendar date (UTC+07:00, no daylight saving) of an ISO 8601 timestamp such as
 * `2023-09-16T18:30:00Z` or `2023-09-16T20:00:00+02:00`. A timestamp without a zone designator is read as
 * UTC; a bare date is returned as it is. Throws RangeError for anything else.
 */
export function vietnamDateOfTimestamp(isoTimestamp: string): IsoDate {
  const date = tryVietnamDateOfTimestamp(isoTimestamp);
  if (date === null) throw new RangeError(`Not an ISO 8601 timestamp: "${isoTimestamp}"`);
  return date;
}
