import { escapeRegExp } from "../../escape-regexp.js";

/** A listener of one folder, and the ids (action ids, callback ids, event types) it handles. */
export interface Route<Args> {
  ids: RegExp;
  listener: (args: Args) => Promise<void>;
}

/**
 * Several listeners of one kind as one route: its ids are every route's joined, which the
 * request router (`router.ts`) tests before handing the request over, and the request goes to
 * the first route whose ids match. An id no route matches is passed on to Bolt, which leaves it
 * unhandled as before. Routes must not overlap (only the first match runs) and their patterns
 * take no flags, which joining drops.
 */
export function routeById<Args>(
  routes: readonly Route<Args>[],
  idOf: (args: Args) => string,
): Route<Args> {
  const flagged = routes.find((route) => route.ids.flags !== "");
  if (flagged) throw new Error(`route pattern ${flagged.ids} has flags; routes take none`);
  return {
    ids: new RegExp(routes.map((route) => `(?:${route.ids.source})`).join("|")),
    async listener(args) {
      const id = idOf(args);
      await routes.find((route) => route.ids.test(id))?.listener(args);
    },
  };
}

/** An exact id as a pattern. */
export const exactly = (id: string): RegExp => new RegExp(`^${escapeRegExp(id)}$`);
