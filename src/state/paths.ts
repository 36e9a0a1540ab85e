import { createHash } from "node:crypto";
import { join } from "node:path";

/** Who is talking: ids only, so state can be kept per person and nothing else about them is stored. */
export interface Speaker {
  teamId: string;
  userId: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const kept = /^[A-Za-z0-9_-]$/;

/**
 * Letters, digits, "_" and "-" stay; any other UTF-16 unit becomes %XX or %uXXXX. So a key never
 * holds "/" or "." (it cannot leave its folder or read as "..") and different ids never share one.
 */
function encodeId(id: string): string {
  let encoded = "";
  for (let index = 0; index < id.length; index += 1) {
    const char = id.charAt(index);
    const unit = id.charCodeAt(index);
    const hex = unit.toString(16).toUpperCase();
    if (kept.test(char)) encoded += char;
    else encoded += unit < 0x100 ? `%${hex.padStart(2, "0")}` : `%u${hex.padStart(4, "0")}`;
  }
  return encoded;
}

/**
 * The start every key of a team's people shares. A person whose key was hashed (ids far longer than
 * Slack's) cannot be told apart by team; retention deletes them in time.
 */
export const teamKeyPrefix = (teamId: string) => `${encodeId(teamId)}~`;

/** Keeps every file name (key plus the longest suffix) well under the usual 255-byte limit. */
const maxKeyLength = 150;

/**
 * One person's file-name stem, `<team>~<user>` (Slack ids stay readable). An over-long one is
 * hashed behind "~~", which no encoded pair can start with because "~" itself is encoded.
 */
export function personKey(speaker: Speaker): string {
  const key = `${encodeId(speaker.teamId)}~${encodeId(speaker.userId)}`;
  return key.length <= maxKeyLength
    ? key
    : `~~${sha256(JSON.stringify([speaker.teamId, speaker.userId]))}`;
}

export const layoutVersion = 1;

/** 256 shard folders keep each folder small (about 400 files at 100,000 people). */
export const shardNames = Array.from({ length: 256 }, (_, index) =>
  index.toString(16).padStart(2, "0"),
);

export const stateRoot = (dataDir: string) => join(dataDir, "state");
export const peopleRoot = (dataDir: string) => join(stateRoot(dataDir), "people");
export const metaFile = (dataDir: string) => join(stateRoot(dataDir), "meta.json");

export interface PersonPaths {
  key: string;
  dir: string;
  file: string;
}

export function personPaths(dataDir: string, key: string): PersonPaths {
  const dir = join(peopleRoot(dataDir), sha256(key).slice(0, 2));
  return { key, dir, file: join(dir, `${key}.json`) };
}

/** The person a file in a shard folder belongs to: its main file, temp file or quarantined copy. */
export function keyOfFileName(name: string): string | undefined {
  const end = name.indexOf(".json");
  return end > 0 ? name.slice(0, end) : undefined;
}

/** ISO 8601 basic format (no ":"), so quarantine names are valid on every file system. */
export const quarantineStamp = (at: Date) => at.toISOString().replaceAll(/[-:]/g, "");

const quarantinePattern =
  /\.json\.corrupt-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d{3})Z(?:-\d+)?$/;

/** When a quarantined copy was moved aside, read back from its name. */
export function quarantinedAt(name: string): Date | undefined {
  const match = quarantinePattern.exec(name);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, millis] = match;
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}Z`);
}
