import { join, relative, sep } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  keyOfFileName,
  peopleRoot,
  personKey,
  personPaths,
  quarantinedAt,
  quarantineStamp,
} from "../../src/state/paths.js";

const dataDir = join("/srv", "credit-desk", "data");
const fileOf = (teamId: string, userId: string) =>
  personPaths(dataDir, personKey({ teamId, userId })).file;

/** The file's place under people/: exactly `<shard>/<name>`, with nothing climbing out. */
function placeUnderPeople(file: string): string[] {
  return relative(peopleRoot(dataDir), file).split(sep);
}

describe("person file names", () => {
  it("keeps Slack ids readable", () => {
    expect(personKey({ teamId: "T024BE7LD", userId: "U0G9QF9C6" })).toBe("T024BE7LD~U0G9QF9C6");
  });

  it.each([
    ["../x", "U1"],
    ["T1", "../../../../etc/passwd"],
    ["..", ".."],
    [".", "."],
    ["/", "/"],
    ["T1/../..", "U1\\..\\.."],
    ["", ""],
    ["T\u0000", "U\n1"],
  ])("never lets %j / %j leave the state folder", (teamId, userId) => {
    const parts = placeUnderPeople(fileOf(teamId, userId));
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^[0-9a-f]{2}$/);
    expect(parts[1]).toMatch(/^[A-Za-z0-9_%~-]+\.json$/);
  });

  it("holds for any ids (property)", { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ unit: "binary" }),
        (teamId, userId) => {
          const parts = placeUnderPeople(fileOf(teamId, userId));
          expect(parts).toHaveLength(2);
          expect(parts[1]).not.toMatch(/^\.|\.\.|[/\\]/);
          expect(Buffer.byteLength(parts[1] ?? "")).toBeLessThan(200);
        },
      ),
    );
  });

  it("gives different people different files (property)", { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.string({ unit: "binary" }), fc.string({ unit: "binary" })),
        fc.tuple(fc.string({ unit: "binary" }), fc.string({ unit: "binary" })),
        ([teamA, userA], [teamB, userB]) => {
          fc.pre(teamA !== teamB || userA !== userB);
          expect(fileOf(teamA, userA)).not.toBe(fileOf(teamB, userB));
        },
      ),
    );
    expect(fileOf("T1~U", "2")).not.toBe(fileOf("T1", "U~2"));
    expect(fileOf("a", "b".repeat(500))).not.toBe(fileOf("a", "b".repeat(501)));
  });

  it("finds the owner of main, temp and quarantined files", () => {
    expect(keyOfFileName("T1~U1.json")).toBe("T1~U1");
    expect(keyOfFileName("T1~U1.json.tmp")).toBe("T1~U1");
    expect(keyOfFileName("T1~U1.json.corrupt-20250101T000000.000Z")).toBe("T1~U1");
    expect(keyOfFileName(".json")).toBeUndefined();
  });

  it("reads the quarantine time back from the name", () => {
    const at = new Date("2025-03-04T05:06:07.089Z");
    const stamp = quarantineStamp(at);
    expect(stamp).toBe("20250304T050607.089Z");
    expect(quarantinedAt(`T1~U1.json.corrupt-${stamp}`)).toEqual(at);
    expect(quarantinedAt(`T1~U1.json.corrupt-${stamp}-2`)).toEqual(at);
    expect(quarantinedAt("T1~U1.json.tmp")).toBeUndefined();
  });
});
