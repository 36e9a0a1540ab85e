import { describe, expect, it } from "vitest";
import {
  type PersonState,
  type Speaker,
  type StateStore,
  StateStoreClosedError,
  StateVersionError,
} from "../../../src/state/index.js";
import { captureLogger, manualClock } from "./helpers.js";

export interface OpenOptions {
  now?: () => Date;
  maxTurns?: number;
}

/** One place where a store keeps its state: a DATA_DIR, or a key prefix on a Redis server. */
export interface StorePlace {
  /** Opens a store on this place; opening again is a restart (or another instance). */
  open(options?: OpenOptions): Promise<StateStore>;
  /** The text kept for the person, as the engine keeps it; undefined when nothing is. */
  stored(speaker: Speaker): Promise<string | undefined>;
  /** Puts text where the person's state is kept, as another release or a fault would leave it. */
  plant(speaker: Speaker, text: string): Promise<void>;
}

export interface StoreEngine {
  name: string;
  /** A new, empty place, cleaned up after the test. */
  place(logger: ReturnType<typeof captureLogger>): Promise<StorePlace>;
}

export const alice: Speaker = { teamId: "T1", userId: "U1" };
export const bob: Speaker = { teamId: "T1", userId: "U2" };

export const said =
  (text: string, at = "2025-01-01T00:00:00.000Z") =>
  (state: PersonState): PersonState => ({
    ...state,
    turns: [...state.turns, { at, role: "user", text }],
  });

const texts = (state: PersonState) => state.turns.map((turn) => turn.text);

/**
 * What every state store does, whichever engine keeps the state: the behaviour the conversation
 * core relies on. Each engine's own test file runs it, then tests what only it does.
 */
export function describeStateStore(engine: StoreEngine): void {
  const setUp = async () => {
    const logger = captureLogger();
    return { logger, place: await engine.place(logger) };
  };

  describe(`state store (${engine.name})`, () => {
    it("gives someone new a fresh state and keeps nothing for a read", async () => {
      const { place } = await setUp();
      const store = await place.open(manualClock());
      expect(await store.get(alice)).toEqual({
        version: 1,
        lastAnswer: null,
        lastOffered: null,
        turns: [],
        pendingCheck: null,
        lastCheck: null,
        feedback: [],
        updatedAt: "2025-01-01T00:00:00.000Z",
      });
      expect(await place.stored(alice)).toBeUndefined();
      await store.close();
    });

    it("writes nothing for an update that leaves the state as it was", async () => {
      const { place } = await setUp();
      const clock = manualClock();
      const store = await place.open(clock);
      await store.update(alice, said("hello"));
      const before = await place.stored(alice);
      clock.set("2025-03-01T00:00:00.000Z");
      const after = await store.update(alice, (state) => state);
      expect(after.updatedAt).toBe("2025-01-01T00:00:00.000Z");
      expect(await place.stored(alice)).toBe(before);
      // Edited in place and handed back, the copy has changed: that is written.
      const edited = await store.update(alice, (state) => {
        state.turns.push({ at: "2025-03-01T00:00:00.000Z", role: "user", text: "again" });
        return state;
      });
      expect(edited.turns).toHaveLength(2);
      expect(JSON.parse((await place.stored(alice)) ?? "{}").turns).toHaveLength(2);
      expect(await place.stored(bob)).toBeUndefined();
      await store.close();
    });

    it("keeps an acknowledged update across a reopen, stamped with the store's clock", async () => {
      const { place } = await setUp();
      const clock = manualClock();
      const store = await place.open(clock);
      clock.set("2025-02-03T04:05:06.000Z");
      const written = await store.update(alice, (state) => ({
        ...state,
        lastAnswer: { entryId: "jbp-basics", at: "2025-02-03T04:05:06.000Z" },
      }));
      expect(written.updatedAt).toBe("2025-02-03T04:05:06.000Z");
      expect(JSON.parse((await place.stored(alice)) ?? "{}")).toEqual(written);
      await store.close();

      const reopened = await place.open();
      expect(await reopened.get(alice)).toEqual(written);
      await reopened.close();
    });

    it("keeps the last turns and feedback only, and cuts very long texts", async () => {
      const { place } = await setUp();
      const store = await place.open({ maxTurns: 5 });
      for (let turn = 1; turn <= 8; turn += 1) await store.update(alice, said(`message ${turn}`));
      const state = await store.update(alice, (current) => ({
        ...current,
        turns: [
          ...current.turns,
          { at: current.updatedAt, role: "user", text: "x".repeat(50_000) },
        ],
        feedback: Array.from({ length: 150 }, (_, index) => ({
          entryId: `entry-${index}`,
          vote: "up" as const,
          at: current.updatedAt,
        })),
      }));
      expect(state.turns.map((turn) => turn.text.slice(0, 9))).toEqual([
        "message 5",
        "message 6",
        "message 7",
        "message 8",
        "xxxxxxxxx",
      ]);
      expect(state.turns.at(-1)?.text).toHaveLength(2000);
      expect(state.feedback).toHaveLength(100);
      expect(state.feedback[0]?.entryId).toBe("entry-50");
      await store.close();
    });

    it("rejects an update that breaks the schema and keeps the state as it was", async () => {
      const { place } = await setUp();
      const store = await place.open();
      await store.update(alice, said("hello"));
      const broken = store.update(alice, (state) => ({ ...state, turns: "lots" }) as never);
      const throwing = store.update(alice, () => {
        throw new Error("bug in a caller");
      });
      const after = store.update(alice, said("still here"));
      await expect(broken).rejects.toThrow();
      await expect(throwing).rejects.toThrow("bug in a caller");
      expect(texts(await after)).toEqual(["hello", "still here"]);
      await store.close();
    });

    it("does not let a caller change stored state by mutating what it was given", async () => {
      const { place } = await setUp();
      const store = await place.open();
      const first = await store.update(alice, said("hello"));
      first.turns.push({ at: first.updatedAt, role: "bot", text: "sneaky" });
      (await store.get(alice)).turns.length = 0;
      expect(texts(await store.get(alice))).toEqual(["hello"]);
      await store.close();
    });

    // 1,000 people at once: slow on a loaded machine, so it gets more time than the default.
    it("serves 1,000 people updating at once without cross-talk or loss", {
      timeout: 30_000,
    }, async () => {
      const { place } = await setUp();
      const store = await place.open({ maxTurns: 10 });
      // Two teams with the same user ids: the team is part of who someone is.
      const speakers = Array.from({ length: 1000 }, (_, index) => ({
        teamId: `T${index % 2}`,
        userId: `U${Math.floor(index / 2)}`,
      }));
      const marker = (speaker: Speaker, turn: number) =>
        `${speaker.teamId}/${speaker.userId}#${turn}`;
      await Promise.all(
        speakers.flatMap((speaker) =>
          [1, 2, 3].map((turn) => store.update(speaker, said(marker(speaker, turn)))),
        ),
      );
      await store.close();

      const reopened = await place.open();
      for (const speaker of speakers) {
        const kept = JSON.parse((await place.stored(speaker)) ?? "{}") as PersonState;
        expect(texts(kept)).toEqual([1, 2, 3].map((turn) => marker(speaker, turn)));
        expect(await reopened.get(speaker)).toEqual(kept);
      }
      expect(await reopened.usage()).toMatchObject({ people: 1000 });
      await reopened.close();
    });

    it("applies every concurrent update to one person, in order", async () => {
      const { place } = await setUp();
      const store = await place.open({ maxTurns: 500 });
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) => store.update(alice, said(`m${index}`))),
      );
      const expected = Array.from({ length: 200 }, (_, index) => `m${index}`);
      expect(texts(results.at(-1) ?? (await store.get(bob)))).toEqual(expected);
      // Each update resolves with the state just after it.
      expect(results[9]?.turns).toHaveLength(10);
      await store.close();
      const reopened = await place.open();
      expect(texts(await reopened.get(alice))).toEqual(expected);
      await reopened.close();
    });

    it("reads what was acknowledged before, even while writes are pending", async () => {
      const { place } = await setUp();
      const store = await place.open();
      const writing = store.update(alice, said("one"));
      const read = store.get(alice);
      await writing;
      expect(texts(await read)).toEqual(["one"]);
      await store.close();
    });

    it("moves unreadable state aside, logs it once with ids only, and serves a fresh state", async () => {
      const { place, logger } = await setUp();
      const store = await place.open(manualClock("2025-05-06T07:08:09.010Z"));
      await store.update(bob, said("bob's words"));
      const secret = '{"version":1,"turns":[{"text":"my client Acme is late on payments"';
      await place.plant(alice, secret);

      expect((await store.get(alice)).turns).toEqual([]);
      expect(logger.lines).toEqual([
        {
          level: "warn",
          message: expect.stringMatching(/moved aside/),
          fields: { person: "T1~U1", reason: "bad_json", movedTo: expect.any(String) },
        },
      ]);
      expect(JSON.stringify(logger.lines)).not.toMatch(/Acme|late on payments/);
      expect((await store.get(bob)).turns).toHaveLength(1);
      await store.update(alice, said("fresh start"));
      await store.close();

      const reopened = await place.open();
      expect(texts(await reopened.get(alice))).toEqual(["fresh start"]);
      expect(logger.lines).toHaveLength(1);
      await place.plant(bob, '{"version":1,"turns":"many"}');
      expect((await reopened.get(bob)).turns).toEqual([]);
      expect(logger.lines[1]?.fields.reason).toBe("bad_shape");
      await reopened.close();
    });

    it("reads a version 0 state and writes it back as version 1", async () => {
      const { place } = await setUp();
      const store = await place.open();
      const at = "2025-01-01T00:00:00.000Z";
      const v0 = { lastEntryId: "jbp-basics", lastAnsweredAt: at, turns: [], updatedAt: at };
      await place.plant(alice, JSON.stringify(v0));
      expect((await store.get(alice)).lastAnswer).toEqual({ entryId: "jbp-basics", at });
      await store.update(alice, said("hi"));
      expect(JSON.parse((await place.stored(alice)) ?? "{}")).toMatchObject({
        version: 1,
        lastAnswer: { entryId: "jbp-basics" },
      });
      await store.close();
    });

    it("refuses a person's state from a newer version, leaving it untouched", async () => {
      const { place, logger } = await setUp();
      const store = await place.open();
      const future = JSON.stringify({ version: 2, somethingNew: true });
      await place.plant(alice, future);
      await expect(store.get(alice)).rejects.toThrow(StateVersionError);
      await expect(store.update(alice, said("hi"))).rejects.toThrow(
        /T1~U1(\.json)? has version 2, but this Credit Desk reads state up to version 1/,
      );
      expect(await place.stored(alice)).toBe(future);
      expect(await store.update(bob, said("hi"))).toMatchObject({ turns: [{ text: "hi" }] });
      expect(logger.lines).toEqual([]);
      await store.close();
    });

    it("forgets everything about a person and nothing of anyone else", async () => {
      const { place } = await setUp();
      const store = await place.open();
      await store.update(alice, (state) => ({
        ...said("alice's secret")(state),
        feedback: [{ entryId: "x", vote: "down", at: state.updatedAt }],
        pendingCheck: {
          fields: { advertiser: "agency" },
          awaiting: "months",
          startedAt: state.updatedAt,
          updatedAt: state.updatedAt,
        },
      }));
      await store.update(bob, said("bob's words"));

      expect(await store.forget(alice)).toBe(true);
      expect(await place.stored(alice)).toBeUndefined();
      expect(await store.get(alice)).toMatchObject({ turns: [], feedback: [], pendingCheck: null });
      expect(await store.forget(alice)).toBe(false);
      await store.close();

      const reopened = await place.open();
      expect((await reopened.get(alice)).turns).toEqual([]);
      expect((await reopened.get(bob)).turns).toHaveLength(1);
      await reopened.close();
    });

    it("applies updates queued before a forget, then forgets them too", async () => {
      const { place } = await setUp();
      const store = await place.open();
      const before = store.update(alice, said("before"));
      const forgotten = store.forget(alice);
      const after = store.update(alice, said("after"));
      await before;
      expect(await forgotten).toBe(true);
      expect(texts(await after)).toEqual(["after"]);
      await store.close();
    });

    it("forgets every person of a team, and no one of a team whose id only starts the same", async () => {
      const { place } = await setUp();
      const store = await place.open();
      const carol: Speaker = { teamId: "T10", userId: "U1" };
      await store.update(alice, said("alice's words"));
      await store.update(bob, said("bob's words"));
      await store.update(carol, said("carol's words"));
      // An update still queued when the team goes is written, then deleted with the rest.
      const late = store.update(alice, said("late"));

      expect(await store.forgetTeam("T1")).toBe(2);
      await late;
      expect(await place.stored(alice)).toBeUndefined();
      expect(await place.stored(bob)).toBeUndefined();
      expect(await place.stored(carol)).toBeDefined();
      expect((await store.get(alice)).turns).toEqual([]);
      expect(await store.forgetTeam("T1")).toBe(0);
      await store.close();
    });

    it("keeps people whose ids hold slashes, dots and separators apart", async () => {
      const { place } = await setUp();
      const store = await place.open();
      const tricky: Speaker[] = [
        { teamId: "..", userId: ".." },
        { teamId: "../x", userId: "../../escaped" },
        { teamId: "T1/../../..", userId: "/etc/passwd" },
        { teamId: ".", userId: "meta" },
        { teamId: "T1:state", userId: "U1*" },
        { teamId: "T1", userId: "state:T1~U1" },
      ];
      for (const speaker of tricky) await store.update(speaker, said(speaker.userId));
      for (const speaker of tricky)
        expect(texts(await store.get(speaker))).toEqual([speaker.userId]);
      expect((await store.usage()).people).toBe(tricky.length);
      await store.close();
    });

    it("finishes pending writes on close and refuses calls after it", async () => {
      const { place } = await setUp();
      const store = await place.open({ maxTurns: 100 });
      const pending = Array.from({ length: 50 }, (_, index) =>
        store.update(alice, said(`m${index}`)),
      );
      await store.close();
      expect(await Promise.all(pending)).toHaveLength(50);
      await expect(store.get(alice)).rejects.toThrow(StateStoreClosedError);
      await expect(store.update(alice, said("late"))).rejects.toThrow(/state store is closed/);
      await expect(store.forget(alice)).rejects.toThrow(StateStoreClosedError);
      await expect(store.prune(new Date())).rejects.toThrow(StateStoreClosedError);
      const reopened = await place.open();
      expect((await reopened.get(alice)).turns).toHaveLength(50);
      await reopened.close();
    });
  });
}
