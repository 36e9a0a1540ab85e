import type { SlackDeps } from "../../deliver.js";
import { errorFields } from "../../errors.js";
import type { InstallationPlace, Installations } from "../../installations/index.js";
import type { EventArgs } from "./event-args.js";

/**
 * The people whose state a removal deletes: a workspace's, or an org's when the app was installed
 * org-wide. People of a workspace in an Enterprise Grid org are kept under the org (see
 * `speakerOf`), shared with the org's other workspaces, so one workspace leaving keeps them; the
 * retention period deletes them once idle.
 */
function teamOf(place: InstallationPlace): string | undefined {
  if (place.isEnterpriseInstall) return place.enterpriseId ?? undefined;
  return place.enterpriseId ? undefined : (place.teamId ?? undefined);
}

/**
 * A workspace removed the app (`app_uninstalled`), or its bot token was revoked (`tokens_revoked`
 * naming bot tokens): its installation is deleted, so no request from it is served with a dead
 * token, and so is everything kept about its people (their state and their misses). A revoked
 * user token alone changes nothing: the app keeps none.
 */
export function workspaceRemoved(deps: SlackDeps, installations: Installations) {
  return async ({ event, body, context }: EventArgs): Promise<void> => {
    if (event.type !== "app_uninstalled" && event.type !== "tokens_revoked") return;
    const place: InstallationPlace = {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall,
    };
    const ids = {
      event_id: body.event_id,
      team_id: place.teamId ?? undefined,
      enterprise_id: place.enterpriseId ?? undefined,
    };
    if (event.type === "tokens_revoked" && (event.tokens.bot ?? []).length === 0) {
      deps.logger.debug("event ignored", { ...ids, reason: "no bot token revoked" });
      return;
    }
    try {
      const removed = await installations.remove(place);
      const team = teamOf(place);
      const people = team === undefined ? 0 : await deps.core.forgetTeam(team);
      deps.logger.info("workspace removed the app: its installation and people's data deleted", {
        ...ids,
        reason: event.type,
        installation_deleted: removed !== undefined,
        people,
        ...(team === undefined ? { people_kept: "shared with the org's other workspaces" } : {}),
      });
    } catch (error) {
      deps.logger.error("removing a workspace failed", { ...ids, ...errorFields(error) });
    }
  };
}
