import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../logger.js";

const slackId = z.string().min(1);

/**
 * One workspace's (or, installed org-wide, one Enterprise Grid org's) installation as kept: the
 * bot token and ids Bolt's authorize hands each request, and who installed it and when. The app
 * asks for no user scopes, so no user token is kept. Checked with this schema whenever it is read.
 */
export const installationSchema = z
  .object({
    teamId: slackId.nullable(),
    teamName: z.string().nullable(),
    enterpriseId: slackId.nullable(),
    enterpriseName: z.string().nullable(),
    enterpriseUrl: z.string().nullable(),
    isEnterpriseInstall: z.boolean(),
    appId: z.string().nullable(),
    installerUserId: slackId,
    bot: z.object({
      token: z.string().startsWith("xoxb-"),
      id: slackId,
      userId: slackId,
      scopes: z.array(z.string()),
      // Present only when the app opts into token rotation, which Bolt's authorize then handles.
      refreshToken: z.string().optional(),
      expiresAt: z.number().optional(),
    }),
    installedAt: z.iso.datetime(),
  })
  .refine((record) => (record.isEnterpriseInstall ? record.enterpriseId : record.teamId), {
    message: "an org-wide installation names its org, any other its workspace",
  });
export type StoredInstallation = z.infer<typeof installationSchema>;

/** Where an installation applies: an org-wide one to its whole org, any other to its workspace. */
export interface InstallationPlace {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
}

/** The key an installation is kept under; undefined when the place names neither id it needs. */
export function installationKey(place: InstallationPlace): string | undefined {
  if (place.isEnterpriseInstall) {
    return place.enterpriseId ? `enterprise:${place.enterpriseId}` : undefined;
  }
  return place.teamId ? `team:${place.teamId}` : undefined;
}

/** Where installations are kept (a file under DATA_DIR, or Redis): records by key, unchecked. */
export interface InstallationEngine {
  read(key: string): Promise<unknown>;
  write(key: string, record: StoredInstallation): Promise<void>;
  /** Resolves with whether there was one. */
  delete(key: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface Installations {
  /** The installation that applies to a place, checked; undefined when there is none or it is unreadable. */
  find(place: InstallationPlace): Promise<StoredInstallation | undefined>;
  save(installation: StoredInstallation): Promise<void>;
  /** Resolves with the installation removed, if there was one. */
  remove(place: InstallationPlace): Promise<StoredInstallation | undefined>;
  /** Bolt's view of the same installations, for its OAuth flow and its authorize. */
  bolt: InstallationStore;
  close(): Promise<void>;
}

function fromBolt(installation: Installation, now: Date): StoredInstallation {
  const bot = installation.bot;
  if (!bot) throw new Error("the installation has no bot token: the app asks for bot scopes");
  return installationSchema.parse({
    teamId: installation.team?.id ?? null,
    teamName: installation.team?.name ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    enterpriseName: installation.enterprise?.name ?? null,
    enterpriseUrl: installation.enterpriseUrl ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    appId: installation.appId ?? null,
    installerUserId: installation.user.id,
    bot: {
      token: bot.token,
      id: bot.id,
      userId: bot.userId,
      scopes: bot.scopes,
      ...(bot.refreshToken ? { refreshToken: bot.refreshToken } : {}),
      ...(bot.expiresAt ? { expiresAt: bot.expiresAt } : {}),
    },
    installedAt: now.toISOString(),
  });
}

function toBolt(record: StoredInstallation): Installation<"v2", boolean> {
  return {
    team: record.teamId
      ? { id: record.teamId, ...(record.teamName ? { name: record.teamName } : {}) }
      : undefined,
    enterprise: record.enterpriseId
      ? {
          id: record.enterpriseId,
          ...(record.enterpriseName ? { name: record.enterpriseName } : {}),
        }
      : undefined,
    ...(record.enterpriseUrl ? { enterpriseUrl: record.enterpriseUrl } : {}),
    isEnterpriseInstall: record.isEnterpriseInstall,
    ...(record.appId ? { appId: record.appId } : {}),
    tokenType: "bot",
    authVersion: "v2",
    user: { id: record.installerUserId, token: undefined, scopes: undefined },
    bot: record.bot,
  };
}

/** The place a Bolt query (from authorize or the OAuth flow) asks about. */
const placeOf = (query: InstallationQuery<boolean>): InstallationPlace => ({
  teamId: query.teamId,
  enterpriseId: query.enterpriseId,
  isEnterpriseInstall: query.isEnterpriseInstall,
});

/**
 * Installations on an engine, each checked with the schema when read: a record that does not fit
 * is logged (by key, never its content) and treated as not installed, so the workspace is asked
 * to install again rather than served with a token that may be wrong.
 */
export function createInstallations(options: {
  engine: InstallationEngine;
  logger: Logger;
  now?: () => Date;
}): Installations {
  const { engine, logger } = options;
  const now = options.now ?? (() => new Date());

  const find = async (place: InstallationPlace) => {
    const key = installationKey(place);
    if (!key) return undefined;
    const raw = await engine.read(key);
    if (raw === undefined) return undefined;
    const parsed = installationSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    logger.error("installation unreadable: the workspace must install the app again", {
      installation: key,
      field: parsed.error.issues[0]?.path.join("."),
    });
    return undefined;
  };

  const save = async (installation: StoredInstallation) => {
    const key = installationKey(installation);
    if (!key) throw new Error("the installation names neither its workspace nor its org");
    await engine.write(key, installation);
    logger.info("workspace installed", {
      installation: key,
      team_id: installation.teamId ?? undefined,
      enterprise_id: installation.enterpriseId ?? undefined,
      installer: installation.installerUserId,
    });
  };

  const remove = async (place: InstallationPlace) => {
    const key = installationKey(place);
    if (!key) return undefined;
    const found = await find(place);
    return (await engine.delete(key)) ? found : undefined;
  };

  return {
    find,
    save,
    remove,
    bolt: {
      storeInstallation: (installation) => save(fromBolt(installation, now())),
      fetchInstallation: async (query) => {
        const found = await find(placeOf(query));
        if (!found) {
          logger.warn("request ignored: the app is not installed in this workspace", {
            team_id: query.teamId,
            enterprise_id: query.enterpriseId,
          });
          // Bolt's authorize turns this into "not installed": the request gets no listener.
          throw new Error("no installation for this workspace");
        }
        return toBolt(found);
      },
      deleteInstallation: async (query) => {
        await remove(placeOf(query));
      },
    },
    close: () => engine.close(),
  };
}
