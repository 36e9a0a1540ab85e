import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { makeDirDurably, syncDir, writeFileDurably } from "../files/durable.js";
import { isMissing } from "../files/errors.js";
import { StateLayoutError, StateVersionError } from "./errors.js";
import { layoutVersion, metaFile, peopleRoot, shardNames } from "./paths.js";

const metaSchema = z.object({ layout: z.number().int().min(1) });

async function readMeta(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new StateLayoutError(file, `cannot be read (${String(error)})`);
  }
}

function checkMeta(file: string, text: string): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StateLayoutError(file, "is not valid JSON");
  }
  const parsed = metaSchema.safeParse(data);
  if (!parsed.success) {
    throw new StateLayoutError(file, 'does not hold a layout number such as {"layout":1}');
  }
  if (parsed.data.layout > layoutVersion) {
    throw new StateVersionError(file, parsed.data.layout, layoutVersion);
  }
}

/**
 * Checks the state folder's layout, or lays it out the first time. meta.json is written last,
 * so a first start cut short is simply done again.
 */
export async function openLayout(dataDir: string): Promise<void> {
  const file = metaFile(dataDir);
  const text = await readMeta(file);
  if (text !== undefined) {
    checkMeta(file, text);
    return;
  }
  const people = peopleRoot(dataDir);
  await makeDirDurably(people);
  await Promise.all(shardNames.map((shard) => mkdir(join(people, shard), { recursive: true })));
  await syncDir(people);
  await writeFileDurably(file, `${JSON.stringify({ layout: layoutVersion })}\n`);
}
