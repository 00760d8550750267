/**
 * CloudBase's timer-trigger cron: seven space-separated fields, `second minute hour day month weekday year`,
 * evaluated in UTC+8 (documented: "触发器规则的时区为 UTC+8"; China has no daylight saving).
 *
 * Field values (developers.weixin.qq.com … /guide/functions/triggers):
 *   second 0-59 · minute 0-59 · hour 0-23 · day 1-31 · month 1-12 or JAN-DEC · weekday 0-6 or SUN-SAT (0 = Sunday)
 *   · year 1970-2099. Wildcards: `,` union, `-` range, `*` every value, `/` step (`1/10` = from 1 every 10).
 * When both day and weekday are given they are OR-ed ("两者为“或”关系"); as in Vixie cron, a field starting with
 * `*` (or `?`) counts as "not given", and then the two are AND-ed.
 */

export const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const MIN_YEAR = 1970;
const MAX_YEAR = 2099;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  /** The value the first name stands for (months: 1, weekdays: 0). */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { label: 'second', min: 0, max: 59 },
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { label: 'weekday', min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
  { label: 'year', min: MIN_YEAR, max: MAX_YEAR },
];

export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

interface ParsedField {
  /** Sorted allowed values. */
  values: number[];
  set: Set<number>;
  /** False when the field starts with `*` or `?` (matters for the day/weekday OR rule). */
  restricted: boolean;
}

/** A parsed 7-field expression; `next()` walks its fire times. */
export class CronSchedule {
  private readonly f: ParsedField[];

  private constructor(
    readonly expression: string,
    fields: ParsedField[],
  ) {
    this.f = fields;
  }

  static parse(expression: string): CronSchedule {
    if (typeof expression !== 'string') throw new CronSyntaxError('the cron expression must be a string');
    const parts = expression.trim().split(/\s+/).filter(Boolean);
    if (parts.length !== 7) {
      throw new CronSyntaxError(`"${expression}" has ${parts.length} fields; CloudBase cron needs 7 (second minute hour day month weekday year)`);
    }
    return new CronSchedule(
      expression.trim(),
      parts.map((p, i) => parseField(p, FIELDS[i])),
    );
  }

  /** The first fire time strictly after `afterMs` (whole seconds, ms since epoch), or null if there is none. */
  next(afterMs: number): number | null {
    const [sec, min, hour, day, month, weekday, year] = this.f;
    let t = Math.floor(afterMs / 1000) * 1000 + 1000;
    // Each step either returns or jumps forward by at least a day; a century is well under this bound.
    for (let guard = 0; guard < 100_000; guard++) {
      const local = new Date(t + CHINA_OFFSET_MS);
      const Y = local.getUTCFullYear();
      const M = local.getUTCMonth() + 1;
      const D = local.getUTCDate();
      if (Y > year.values[year.values.length - 1]) return null;
      if (!year.set.has(Y)) {
        t = chinaToUtc(Y + 1, 1, 1);
        continue;
      }
      if (!month.set.has(M)) {
        t = chinaToUtc(Y, M + 1, 1);
        continue;
      }
      const dow = new Date(Date.UTC(Y, M - 1, D)).getUTCDay();
      const domOk = day.set.has(D);
      const dowOk = weekday.set.has(dow);
      const dayOk = day.restricted && weekday.restricted ? domOk || dowOk : domOk && dowOk;
      if (dayOk) {
        const time = firstTimeAtOrAfter(hour.values, min.values, sec.values, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds());
        if (time) return chinaToUtc(Y, M, D, time[0], time[1], time[2]);
      }
      t = chinaToUtc(Y, M, D + 1);
    }
    return null;
  }

  /** Fire times in `(fromMs, toMs]`, oldest first, at most `limit` of them. */
  between(fromMs: number, toMs: number, limit = Number.POSITIVE_INFINITY): number[] {
    const out: number[] = [];
    let t = this.next(fromMs);
    while (t !== null && t <= toMs && out.length < limit) {
      out.push(t);
      t = this.next(t);
    }
    return out;
  }
}

/** UTC ms of a wall-clock time in UTC+8 (out-of-range parts roll over, as with Date.UTC). */
export function chinaToUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS;
}

/** `2024-01-02 03:04:05` in UTC+8. */
export function formatChinaTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

function firstTimeAtOrAfter(hours: number[], minutes: number[], seconds: number[], h: number, m: number, s: number): [number, number, number] | null {
  for (const hh of hours) {
    if (hh < h) continue;
    for (const mm of minutes) {
      if (hh === h && mm < m) continue;
      for (const ss of seconds) {
        if (hh === h && mm === m && ss < s) continue;
        return [hh, mm, ss];
      }
    }
  }
  return null;
}

function parseField(text: string, spec: FieldSpec): ParsedField {
  const set = new Set<number>();
  const restricted = !(text.startsWith('*') || text.startsWith('?'));
  for (const part of text.split(',')) {
    if (!part) throw new CronSyntaxError(`empty list item in the ${spec.label} field "${text}"`);
    addPart(part, spec, set);
  }
  const values = [...set].sort((a, b) => a - b);
  if (!values.length) throw new CronSyntaxError(`the ${spec.label} field "${text}" matches nothing`);
  return { values, set, restricted };
}

function addPart(part: string, spec: FieldSpec, out: Set<number>): void {
  const [rangeText, stepText, extra] = part.split('/');
  if (extra !== undefined) throw new CronSyntaxError(`"${part}" in the ${spec.label} field has more than one "/"`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new CronSyntaxError(`the step "${stepText}" in the ${spec.label} field must be a positive integer`);
    step = Number(stepText);
  }
  let lo: number;
  let hi: number;
  if (rangeText === '*' || rangeText === '?') {
    if (rangeText === '?' && spec.label !== 'day' && spec.label !== 'weekday') throw new CronSyntaxError(`"?" is only allowed in the day and weekday fields`);
    lo = spec.min;
    hi = spec.max;
  } else if (rangeText.includes('-')) {
    const [a, b, more] = rangeText.split('-');
    if (more !== undefined || !a || !b) throw new CronSyntaxError(`"${rangeText}" is not a range in the ${spec.label} field`);
    lo = parseValue(a, spec);
    hi = parseValue(b, spec);
    if (lo > hi) throw new CronSyntaxError(`the range "${rangeText}" in the ${spec.label} field goes backwards`);
  } else {
    lo = parseValue(rangeText, spec);
    // `a/n` means from a to the end of the field, every n.
    hi = stepText !== undefined ? spec.max : lo;
  }
  for (let v = lo; v <= hi; v += step) out.add(v);
}

function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) {
    const v = Number(text);
    if (v < spec.min || v > spec.max) throw new CronSyntaxError(`${v} is outside ${spec.min}-${spec.max} in the ${spec.label} field`);
    return v;
  }
  const idx = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (idx < 0) throw new CronSyntaxError(`"${text}" is not a valid ${spec.label}`);
  return idx + (spec.nameBase ?? 0);
}
