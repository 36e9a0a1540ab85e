/** Text to match literally inside a RegExp: every character with a meaning there is escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
