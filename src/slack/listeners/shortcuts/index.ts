import type { SlackDeps } from "../../deliver.js";
import { callbackIds } from "../../ids.js";
import { exactly, type Route, routeById } from "../route.js";
import { saveAnswerDraft } from "./save-answer-draft.js";
import type { ShortcutArgs } from "./shortcut-args.js";

/** The folder's message shortcuts as one route, by callback id. */
export function shortcutRoute(deps: SlackDeps): Route<ShortcutArgs> {
  const shortcuts: Route<ShortcutArgs>[] = [
    { ids: exactly(callbackIds.saveAnswerDraft), listener: saveAnswerDraft(deps) },
  ];
  return routeById(shortcuts, (args) => args.shortcut.callback_id);
}
