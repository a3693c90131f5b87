// Regenerates lib/auth/common-passwords.txt from @zxcvbn-ts/language-common's passwords-common
// dictionary (not a dependency of the app; install it for the run):
//   npm install --no-save @zxcvbn-ts/language-common@4.1.3 && node scripts/gen-common-passwords.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { dictionary } = require("@zxcvbn-ts/language-common");
const words = [...new Set(dictionary["passwords-common"].map((s) => String(s).toLowerCase()))];
const header = [
  "# Common and breached passwords, one a line, lower case. Generated from the passwords-common",
  "# dictionary of @zxcvbn-ts/language-common 4.1.3 (MIT; Dan Wheeler, Dropbox, @zxcvbn-ts) by",
  "# scripts/gen-common-passwords.mjs. Lines starting with # are comments.",
];
writeFileSync(new URL("../lib/auth/common-passwords.txt", import.meta.url), `${header.join("\n")}\n${words.join("\n")}\n`);
console.log(`${words.length} passwords written`);
