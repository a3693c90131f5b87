import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordProblems } from "./password-policy";
import { estimateStrength } from "./password-strength";

describe("password policy (S2)", () => {
  it("length: 11 characters refused, 12 and 128 accepted, 129 refused; counted in characters", () => {
    expect(passwordProblems("correct hor")).toEqual(["v.password.tooShort"]);
    expect(passwordProblems("correct hors")).toEqual([]);
    expect(passwordProblems("a quiet fox ".repeat(11).slice(0, 128) + "")).toEqual([]);
    expect(passwordProblems(`${"ab cd ef gh ".repeat(11)}ijk `.slice(0, 128))).toEqual([]);
    expect(passwordProblems(`${"ab cd ef gh ".repeat(11)}ijklm`.slice(0, 129))).toEqual(["v.password.tooLong"]);
    expect(passwordProblems("すずめがとんでいるそらのした")).toEqual([]); // 14 characters, 42 bytes
    expect(passwordProblems("すずめがとんでいるそら")).toEqual(["v.password.tooShort"]); // 11 characters
  });

  it("no composition rules: lower-case words with spaces pass", () => {
    expect(passwordProblems("orange tram window sky")).toEqual([]);
  });

  it("refuses passwords in the bundled list, in any case, and list words padded with digits or symbols", () => {
    expect(passwordProblems("password1234")).toEqual(["v.password.common"]);
    expect(passwordProblems("123456789012")).toEqual(["v.password.common"]);
    expect(passwordProblems("PassWord1234")).toEqual(["v.password.common"]);
    expect(passwordProblems("qwertyuiop12")).toEqual(["v.password.common"]);
    expect(passwordProblems("dragon123456789")).toEqual(["v.password.common"]);
    expect(isCommonPassword("!!sunshine2026!!")).toBe(true);
    expect(isCommonPassword("orange tram window sky")).toBe(false);
  });

  it("refuses repetitive ones", () => {
    expect(passwordProblems("aaaaaaaaaaaaaaaa")).toEqual(["v.password.repetitive"]);
    expect(passwordProblems("abcabcabcabcabc")).toEqual(["v.password.repetitive"]);
  });

  it("refuses one containing the email's local part or the name", () => {
    const who = { email: "tanaka.hanako@example.jp", name: "Hanako Tanaka" };
    expect(passwordProblems("my tanaka.hanako secret", who)).toEqual(["v.password.personal"]);
    expect(passwordProblems("Hanako loves the sea", who)).toEqual(["v.password.personal"]);
    expect(passwordProblems("orange tram window sky", who)).toEqual([]);
  });

  it("the demo's generated admin password and the test ones pass", () => {
    expect(isCommonPassword("demo-0123456789ab")).toBe(false);
    expect(isCommonPassword("e2e-admin-password")).toBe(false);
  });

  it("the meter's rough estimate: too short below 12, higher for longer, mixed passwords", () => {
    expect(estimateStrength("short").level).toBe(0);
    expect(estimateStrength("aaaaaaaaaaaa").level).toBe(1);
    expect(estimateStrength("orange tram window sky").level).toBeGreaterThanOrEqual(3);
    expect(estimateStrength("orange tram window sky").bits).toBeGreaterThan(estimateStrength("orangetram12").bits);
  });
});
