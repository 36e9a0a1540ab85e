/**
 * Checks Block Kit payloads against Slack's documented limits, so a test fails on what Slack would
 * reject (invalid_blocks) rather than on what the renderer happens to produce.
 */
interface TextObject {
  type: string;
  text: string;
}
interface Element {
  type: string;
  text?: TextObject;
  action_id?: string;
  value?: string;
  options?: { text: TextObject; value: string }[];
}
interface Block {
  type: string;
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: (Element | TextObject)[];
  label?: TextObject;
  element?: Element;
  accessory?: Element;
}

/** A `<` in mrkdwn must open a link, a mention or a special command; anything else must be &lt;. */
const looseAngle = /<(?!https?:\/\/|mailto:|@|#|!)/;

function textProblems(where: string, text: TextObject | undefined, max: number): string[] {
  if (!text) return [`${where}: missing text`];
  const problems: string[] = [];
  const length = Array.from(text.text).length;
  if (length === 0) problems.push(`${where}: empty text`);
  if (length > max) problems.push(`${where}: ${length} characters (max ${max})`);
  if (text.type === "mrkdwn" && looseAngle.test(text.text)) {
    problems.push(`${where}: unescaped "<" in mrkdwn`);
  }
  return problems;
}

export function blockKitProblems(blocks: unknown[], maxBlocks = 50): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (max ${maxBlocks})`);
  const blockIds = new Set<string>();
  (blocks as Block[]).forEach((block, index) => {
    const where = `block ${index} (${block.type})`;
    if (block.block_id !== undefined) {
      if (blockIds.has(block.block_id))
        problems.push(`${where}: duplicate block_id ${block.block_id}`);
      if (block.block_id.length > 255) problems.push(`${where}: block_id over 255`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "section":
        problems.push(...textProblems(where, block.text, 3000));
        if (block.accessory?.type === "button") {
          const at = `${where} accessory`;
          problems.push(...textProblems(at, block.accessory.text, 75));
          if ((block.accessory.value?.length ?? 0) > 2000) problems.push(`${at}: value over 2000`);
          if (!block.accessory.action_id) problems.push(`${at}: no action_id`);
        }
        break;
      case "header":
        problems.push(...textProblems(where, block.text, 150));
        break;
      case "context": {
        const elements = block.elements ?? [];
        if (elements.length === 0 || elements.length > 10) {
          problems.push(`${where}: ${elements.length} elements (1 to 10)`);
        }
        elements.forEach((element, i) => {
          problems.push(...textProblems(`${where} element ${i}`, element as TextObject, 3000));
        });
        break;
      }
      case "actions": {
        const elements = (block.elements ?? []) as Element[];
        if (elements.length === 0 || elements.length > 25) {
          problems.push(`${where}: ${elements.length} elements (1 to 25)`);
        }
        const actionIds = new Set<string>();
        elements.forEach((element, i) => {
          const at = `${where} element ${i}`;
          problems.push(...textProblems(at, element.text, 75));
          if ((element.value?.length ?? 0) > 2000) problems.push(`${at}: value over 2000`);
          if (!element.action_id) problems.push(`${at}: no action_id`);
          else if (actionIds.has(element.action_id)) problems.push(`${at}: duplicate action_id`);
          else actionIds.add(element.action_id);
        });
        break;
      }
      case "input": {
        problems.push(...textProblems(`${where} label`, block.label, 2000));
        const options = block.element?.options ?? [];
        if (options.length > 100) problems.push(`${where}: over 100 options`);
        options.forEach((option, i) => {
          problems.push(...textProblems(`${where} option ${i}`, option.text, 75));
        });
        break;
      }
      case "divider":
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

/** Every mrkdwn text in the blocks, joined, for content assertions. */
export function blocksText(blocks: unknown[]): string {
  const texts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.text === "string") texts.push(record.text);
      for (const [key, child] of Object.entries(record))
        if (key !== "text" || typeof child !== "string") visit(child);
    }
  };
  visit(blocks);
  return texts.join("\n");
}
