import type { types } from "@slack/bolt";
import { type InputKey, inputFields, inputKeys } from "../../rules/index.js";
import { callbackIds, modalActionId } from "../ids.js";
import { limits, truncate } from "./limits.js";

/** Field labels as a person reads them; the key itself is in the hint, to teach the command. */
const labels: Record<InputKey, string> = {
  advertiser: "Advertiser",
  months: "Months the ad account has been active",
  spend: "Average monthly ad spend (USD)",
  payments: "Payment history",
  prior_ads: "Has the account run ads before?",
  continuous: "Continuous ad activity?",
  standing: "Account standing",
  partner: "Agency has a TikTok partner agreement?",
  growth: "Strong growth potential?",
};

function inputBlock(key: InputKey): types.InputBlock {
  const field = inputFields[key];
  const leftOut = field.whenLeftOut ? ` Left out: ${field.whenLeftOut}.` : "";
  const hint = `Same as ${key}=… in /credit-check.${leftOut}`;
  const element: types.InputBlockElement =
    "options" in field
      ? {
          type: "static_select",
          action_id: modalActionId,
          placeholder: { type: "plain_text", text: "Choose…" },
          options: field.options.map((value) => ({
            text: { type: "plain_text", text: truncate(value, limits.optionText) },
            value,
          })),
        }
      : {
          type: "plain_text_input",
          action_id: modalActionId,
          placeholder: {
            type: "plain_text",
            text: truncate(`e.g. ${field.example.split("=")[1]}`, 150),
          },
        };
  return {
    type: "input",
    block_id: key,
    optional: true,
    label: { type: "plain_text", text: labels[key] },
    hint: { type: "plain_text", text: hint },
    element,
  };
}

/** The `/credit-check` form: one optional field per key, selects for enumerations. */
export function creditCheckModal(privateMetadata: string): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackIds.creditCheckModal,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Credit check" },
    submit: { type: "plain_text", text: "Check" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "Describe the client's ad account. Leave out what you don't know: the result names what would settle it.",
        },
      },
      ...inputKeys.map(inputBlock),
    ],
  };
}
