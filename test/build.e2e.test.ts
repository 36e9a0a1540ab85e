import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunResult, run } from "./support/run.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "credit-desk-build-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** An npm script exactly as the README types it, from the repository root, with piped input. */
const npm = (args: string[], input = ""): Promise<RunResult> =>
  run("npm", args, { input, env: { HOME: process.env.HOME ?? "", DATA_DIR: dataDir } });

// The compiled app, built from src/ by the build config and run by plain node (no tsx).
describe("the compiled app", { timeout: 180_000 }, () => {
  it("npm start builds dist/ and answers piped input in the terminal", async () => {
    const { code, stdout, stderr } = await npm(["start"], "what is a JBP?\n");
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("node dist/main.js");
    expect(stdout).toMatch(/JBP is a formal commercial agreement/);
    expect(stdout).toMatch(/Sources:\n {2}- .*https:\/\//);
  });

  it("dist/main.js finds its knowledge base when started from another folder", async () => {
    const built = await npm(["run", "--silent", "build"]);
    expect(built.code, built.stderr).toBe(0);
    const elsewhere = await mkdtemp(join(tmpdir(), "credit-desk-elsewhere-"));
    const { code, stdout, stderr } = await run(process.execPath, [resolve("dist/main.js")], {
      input: "what is a JBP?\n",
      env: { HOME: process.env.HOME ?? "", DATA_DIR: join(elsewhere, "data") },
      cwd: elsewhere,
    });
    await rm(elsewhere, { recursive: true, force: true });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/JBP is a formal commercial agreement/);
  });

  it("npm run --silent cli prints only the JSON the README promises", async () => {
    const { code, stdout } = await npm(["run", "--silent", "cli", "--", "ask", "jbp?", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      status: "answered",
      answer: { id: "joint-business-plan" },
    });
  });
});
