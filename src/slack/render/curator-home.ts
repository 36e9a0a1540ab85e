import type { MissGroup } from "../../curation/review.js";
import { actionIds } from "../ids.js";
import { actions, button, context, divider, header, type KnownBlock, sections } from "./blocks.js";
import { escapeMrkdwn } from "./mrkdwn.js";

/** An entry past its verification date. */
export interface StaleEntry {
  id: string;
  question: string;
  checked: string;
  owner?: string;
}

export interface CuratorHome {
  /** The outcome of the curator's last action, shown on top. */
  notice?: string;
  /** What is wrong with KNOWLEDGE_DIR on disk while the previous base keeps serving. */
  problems: string[];
  groups: MissGroup[];
  stale: StaleEntry[];
  /** Lines of figures (no message text). */
  stats: string[];
}

const shownGroups = 5;
const shownWordings = 3;
const shownProblems = 10;
const shownStale = 10;

const kindLabels: Record<MissGroup["kind"], string> = {
  fallback: "no answer",
  clarify: "“Did you mean”",
  thumbs_down: "answered, then 👎",
  rephrased: "answered, then asked again",
};

/** A group as a button value: its key, and the entry when the button names one. */
export const groupValue = (key: string, entryId?: string) =>
  JSON.stringify(entryId ? { g: key, e: entryId } : { g: key });

function groupBlocks(group: MissGroup, index: number): KnownBlock[] {
  const wordings = group.questions
    .slice(0, shownWordings)
    .map((question) => `> ${escapeMrkdwn(question)}`)
    .join("\n");
  const more =
    group.questions.length > shownWordings
      ? `\n_and ${group.questions.length - shownWordings} more wording(s)_`
      : "";
  const summary =
    `*${index + 1}. ${kindLabels[group.kind]}* · asked ${group.count} time(s) by ` +
    `${group.askers} person(s)\n${wordings}${more}`;
  const closest = group.closest
    .map((entry) => `\`${entry.id}\` ${Math.round(entry.confidence * 100)}%`)
    .join(" · ");
  return [
    ...sections(summary, { verbatim: true }),
    ...(closest ? [context([`Closest: ${closest}`])] : []),
    actions(`curate_group_${index}`, [
      ...group.closest.map((entry, choice) =>
        button(
          `Add as a phrasing of “${entry.question}”`,
          `${actionIds.curatePhrasing}:${choice}`,
          groupValue(group.key, entry.id),
        ),
      ),
      button("New entry draft", actionIds.curateDraft, groupValue(group.key)),
      button("Dismiss", actionIds.curateDismiss, groupValue(group.key), "danger"),
    ]),
  ];
}

/** The curators' part of App Home: what to fix first, what the base misses, what is overdue. */
export function curatorBlocks(home: CuratorHome): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), header("Curating")];
  if (home.notice) blocks.push(...sections(home.notice, { verbatim: true }));
  if (home.problems.length > 0) {
    const listed = home.problems
      .slice(0, shownProblems)
      .map((problem) => `• ${escapeMrkdwn(problem)}`)
      .join("\n");
    blocks.push(
      ...sections(
        `*⚠️ The last edit of the knowledge base was refused; the previous version keeps serving.*\n${listed}`,
        { verbatim: true },
      ),
    );
  }
  blocks.push(...sections("*Missed questions*, most asked first"));
  if (home.groups.length === 0) blocks.push(context(["Nothing to review."]));
  home.groups.slice(0, shownGroups).forEach((group, index) => {
    blocks.push(...groupBlocks(group, index));
  });
  if (home.stale.length > 0) {
    const listed = home.stale
      .slice(0, shownStale)
      .map(
        (entry) =>
          `• \`${entry.id}\` last checked ${entry.checked}${entry.owner ? ` (owner <@${entry.owner}>)` : ""}`,
      )
      .join("\n");
    blocks.push(...sections(`*Overdue for a check* (${home.stale.length})\n${listed}`));
  }
  if (home.stats.length > 0) blocks.push(...sections(`*Figures*\n${home.stats.join("\n")}`));
  return blocks;
}
