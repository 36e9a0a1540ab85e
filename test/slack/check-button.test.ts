import { describe, expect, it } from "vitest";
import { checkViewValues, decodeCheckView } from "../../src/slack/check-button.js";

describe("result button values", () => {
  it("read back as the check they were written for, whatever its input holds", () => {
    const input = 'advertiser=agency months=8 spend=40000 note="a \\ b"';
    const buttonValue = checkViewValues(input);
    expect(decodeCheckView(buttonValue("credit_line"))).toEqual({ input, program: "credit_line" });
    expect(decodeCheckView(buttonValue())).toEqual({ input });
  });

  it("are the JSON arrays earlier messages' buttons hold, so their clicks still work", () => {
    const buttonValue = checkViewValues("months=8");
    expect(buttonValue("joint_business_plan")).toBe(
      JSON.stringify(["months=8", "joint_business_plan"]),
    );
    expect(buttonValue()).toBe(JSON.stringify(["months=8"]));
  });
});
