export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  /** Lines printed under the table: how a figure was obtained, what limits it. */
  notes?: string[];
}

export interface SuiteResult {
  tables: Table[];
  /** Everything the tables show and more, written to bench/results.json. */
  figures: object;
}

export interface Suite {
  name: string;
  summary: string;
  run(progress: (message: string) => void): Promise<SuiteResult>;
}

/** Right-aligns columns that hold figures so they line up by magnitude. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((column, index) =>
    Math.max(column.length, ...table.rows.map((row) => (row[index] ?? "").length)),
  );
  const numeric = table.columns.map((_, index) =>
    table.rows.every((row) => /^[-+]?[\d.,]+\s*[a-z%×/]*$|^–$/i.test(row[index] ?? "")),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? cell.length;
        return numeric[index] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const out = [
    table.title,
    line(table.columns),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...table.rows.map(line),
  ];
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join("\n");
}

export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : "–");
export const mb = (value: number): string => `${value.toFixed(1)}`;
export const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
export const count = (value: number): string => value.toLocaleString("en-US");

/** "pass" or "miss (1.80× the limit)", so a miss says by how much. */
export function verdict(value: number, limit: number): string {
  return value <= limit ? "pass" : `miss (${(value / limit).toFixed(2)}× the limit)`;
}
