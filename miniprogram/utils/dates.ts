/** Dates as pages show them (pure). */

/** `2026-11-25` in the phone's time zone. */
export function dateText(at: number): string {
  const d = new Date(at);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
