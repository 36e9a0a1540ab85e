import type { Entry } from "../knowledge/schema.js";

const day = 24 * 60 * 60 * 1000;

/** The day (YYYY-MM-DD) an entry is next due for a check: `checked` plus its interval. */
export function dueOn(entry: Entry, defaultDays: number): string {
  const days = entry.verify_every_days ?? defaultDays;
  return new Date(Date.parse(entry.checked) + days * day).toISOString().slice(0, 10);
}

/** Whether the entry's interval has passed since it was last checked. */
export function isOverdue(entry: Entry, now: Date, defaultDays: number): boolean {
  return now.toISOString().slice(0, 10) > dueOn(entry, defaultDays);
}

export const today = (now: Date) => now.toISOString().slice(0, 10);
