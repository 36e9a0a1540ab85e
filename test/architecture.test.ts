import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layers of src/, lowest first. A module (a folder or a file directly in src/) may import
 * its own layer and the layers below it, never one above: so the core never knows Slack, and the
 * state never knows the conversation it stores. ARCHITECTURE.md describes each layer.
 */
const layers: string[][] = [
  ["files", "config", "logger", "parse-json", "escape-regexp", "start-error", "redis"],
  ["knowledge"],
  ["rules"],
  ["state"],
  ["core"],
  ["curation"],
  ["render"],
  ["terminal", "cli", "slack", "curation"],
  ["main"],
];

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");

interface SourceFile {
  /** Path from the repository root, with "/" between folders. */
  path: string;
  text: string;
}

function sourceFiles(): SourceFile[] {
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => ({
      path: ["src", ...name.split(sep)].join("/"),
      text: readFileSync(join(src, name), "utf8"),
    }));
}

/** "src/state/store.ts" → "state"; "src/main.ts" → "main". */
function moduleOf(path: string): string {
  const [, first = ""] = path.split("/");
  return first.replace(/\.[jt]s$/, "");
}

function layerOf(module: string): number {
  return layers.findIndex((layer) => layer.includes(module));
}

/** Every module specifier a file imports or re-exports, dynamic imports included, as TypeScript reads them. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** One line per import that breaks the layering, or per file whose module has no layer. */
function layeringProblems(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = moduleOf(file.path);
    if (layerOf(from) < 0) {
      problems.push(`${file.path}: module "${from}" has no layer in test/architecture.test.ts`);
      continue;
    }
    for (const specifier of specifiers(file.text)) {
      if (!specifier.startsWith(".")) continue;
      const target = relative(root, resolve(root, dirname(file.path), specifier))
        .split(sep)
        .join("/");
      if (!target.startsWith("src/")) {
        problems.push(`${file.path} imports ${specifier}, outside src/`);
        continue;
      }
      const to = moduleOf(target);
      if (layerOf(to) > layerOf(from))
        problems.push(`${file.path} (${from}) imports ${specifier} (${to}), a higher layer`);
    }
  }
  return problems;
}

const manifest: { dependencies: Record<string, string> } = JSON.parse(
  readFileSync(join(root, "package.json"), "utf8"),
);

/** "@slack/bolt/dist/x" → "@slack/bolt"; "yaml" → "yaml". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

describe("the layers of src/", () => {
  it("every import in src/ stays in src/ and points to its own layer or a lower one", () => {
    expect(layeringProblems(sourceFiles())).toEqual([]);
  });

  it("names an import from test/, an import up the layers and a module with no layer", () => {
    const problems = layeringProblems([
      { path: "src/state/store.ts", text: 'import type { Speaker } from "../core/reply.js";' },
      { path: "src/core/engine.ts", text: 'export { x } from "../state/index.js";' },
      { path: "src/slack/app.ts", text: 'const m = await import("../../test/support/run.js");' },
      { path: "src/extra/thing.ts", text: "" },
    ]);
    expect(problems).toEqual([
      "src/state/store.ts (state) imports ../core/reply.js (core), a higher layer",
      "src/slack/app.ts imports ../../test/support/run.js, outside src/",
      'src/extra/thing.ts: module "extra" has no layer in test/architecture.test.ts',
    ]);
  });

  it("src/ uses only production dependencies, so the compiled app runs without dev ones", () => {
    const production = new Set(Object.keys(manifest.dependencies));
    const used = sourceFiles().flatMap((file) =>
      specifiers(file.text)
        .filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:"))
        .map((specifier) => ({ file: file.path, name: packageName(specifier) })),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter(({ name }) => !production.has(name))).toEqual([]);
  });
});
