import { describe, expect, it } from "vitest";
import { CorruptStateError } from "../../src/state/errors.js";
import { StateVersionError } from "../../src/state/index.js";
import { decodeState, migrate } from "../../src/state/migrate.js";

const at = "2025-01-02T03:04:05.000Z";

describe("migrate", () => {
  it("turns a version 0 file (no version field) into version 1", () => {
    const v0 = {
      lastEntryId: "jbp-basics",
      lastAnsweredAt: at,
      turns: [{ at, role: "user", text: "what is a JBP?" }],
      updatedAt: at,
    };
    expect(migrate(v0, "a.json")).toEqual({
      version: 1,
      lastAnswer: { entryId: "jbp-basics", at },
      lastOffered: null,
      turns: [{ at, role: "user", text: "what is a JBP?" }],
      pendingCheck: null,
      lastCheck: null,
      feedback: [],
      updatedAt: at,
    });
    const noAnswer = { ...v0, lastEntryId: null, lastAnsweredAt: null };
    expect(migrate(noAnswer, "a.json").lastAnswer).toBeNull();
  });

  it("passes a current file through validation, reading no offered choices or check result in one written before they were kept", () => {
    const v1 = {
      version: 1,
      lastAnswer: null,
      turns: [],
      pendingCheck: {
        fields: { advertiser: "agency", payments: "" },
        awaiting: "months",
        startedAt: at,
        updatedAt: at,
      },
      feedback: [{ entryId: "x", vote: "up", at }],
      updatedAt: at,
    };
    expect(migrate(v1, "a.json")).toEqual({ ...v1, lastOffered: null, lastCheck: null });
    const offered = {
      ...v1,
      lastOffered: { entryIds: ["a", "b"], at },
      lastCheck: { fields: { advertiser: "direct", months: "8" }, at },
    };
    expect(migrate(offered, "a.json")).toEqual(offered);
  });

  it("refuses a newer version, naming the file and both versions", () => {
    const error = (() => {
      try {
        migrate({ version: 7 }, "/data/state/people/ab/T1~U1.json");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StateVersionError);
    expect(error).toMatchObject({
      file: "/data/state/people/ab/T1~U1.json",
      found: 7,
      supported: 1,
    });
    expect(String(error)).toMatch(/T1~U1\.json has version 7.*up to version 1/);
  });

  it.each([
    ["not JSON", "{version:1", "bad_json"],
    ["an array", "[]", "bad_shape"],
    ["a wrong shape", '{"version":1,"turns":"many"}', "bad_shape"],
    ["a bad version", '{"version":"1"}', "bad_shape"],
    ["a broken version 0", '{"turns":[]}', "bad_shape"],
  ])("reports %s as corrupt", (_, text, reason) => {
    expect(() => decodeState(text, "a.json")).toThrow(CorruptStateError);
    try {
      decodeState(text, "a.json");
    } catch (error) {
      expect(error).toMatchObject({ reason });
    }
  });
});
