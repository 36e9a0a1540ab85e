/** Fills `{name}` placeholders; the schema has already checked every name a text uses. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

const dollars = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export const usd = (amount: number): string => `${dollars.format(amount)} USD`;

export const monthCount = (count: number): string => `${count} ${count === 1 ? "month" : "months"}`;

export const moreMonths = (count: number): string =>
  `${count} more ${count === 1 ? "month" : "months"}`;

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
