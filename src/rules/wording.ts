/** Templates split at their placeholders: text, name, text, …, text. */
const split = new Map<string, string[]>();
/** Far more than a rules file holds; reached only if templates kept changing, as after many reloads. */
const mostSplit = 1000;

function partsOf(template: string): string[] {
  let parts = split.get(template);
  if (parts === undefined) {
    if (split.size >= mostSplit) split.clear();
    parts = template.split(/\{([^{}]*)\}/);
    split.set(template, parts);
  }
  return parts;
}

/**
 * Fills `{name}` placeholders; the schema has already checked every name a text uses. Each
 * template is split once: a check fills about ten, on every `/credit-check`.
 */
export function fill(template: string, values: Record<string, string>): string {
  const parts = partsOf(template);
  let filled = parts[0] ?? "";
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index] ?? "";
    filled += (values[name] ?? `{${name}}`) + (parts[index + 1] ?? "");
  }
  return filled;
}

// Cut, never rounded: 9,999.995 rounded would read as the 10,000 threshold it is below.
// (roundingMode is ES2023 in TypeScript's lib, which this project does not load; Node 20 has it.)
const dollarsOptions: Intl.NumberFormatOptions & { roundingMode: "trunc" } = {
  maximumFractionDigits: 2,
  roundingMode: "trunc",
};
const dollars = new Intl.NumberFormat("en-US", dollarsOptions);

/** An amount as "25,000 USD"; an amount above 0 never reads as 0. */
export const usd = (amount: number): string =>
  amount > 0 && amount < 0.01 ? "less than 0.01 USD" : `${dollars.format(amount)} USD`;

export const monthCount = (count: number): string => `${count} ${count === 1 ? "month" : "months"}`;

export const moreMonths = (count: number): string =>
  `${count} more ${count === 1 ? "month" : "months"}`;

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
