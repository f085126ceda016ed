/**
 * A Vite plugin that takes the two dynamic-code paths out of the libraries we bundle, so the
 * packages carry no `Function` constructor and no `innerHTML` assignment (addons-linter flags both,
 * and store reviewers read those flags):
 * - zod's JIT probe and compiler: extension pages and content scripts forbid eval anyway, so zod
 *   always falls back to its interpreter there; without the probe it goes there directly;
 * - Preact's `dangerouslySetInnerHTML`, which no component of ours uses (a unit test checks).
 * Each rewrite must match exactly once: a library update that moves the code fails the build
 * instead of silently bringing it back.
 */
import type { Plugin } from 'vite';

interface Rewrite {
  file: RegExp;
  find: string;
  replace: string;
}

const REWRITES: Rewrite[] = [
  {
    file: /node_modules\/zod\/v4\/core\/util\.js$/,
    find: 'const F = Function;\n        new F("");\n        return true;',
    replace: 'return false; // Spendmeter: no eval in an extension',
  },
  {
    file: /node_modules\/zod\/v4\/core\/doc\.js$/,
    find: 'const F = Function;',
    replace: 'const F = function () { throw new Error("Spendmeter: zod JIT is disabled"); };',
  },
  {
    file: /node_modules\/preact\/dist\/preact\.mjs$/,
    find: '(t.innerHTML=h.__html)',
    replace: '(()=>{throw new Error("Spendmeter: dangerouslySetInnerHTML is not used")})()',
  },
];

export function noDynamicCode(): Plugin {
  return {
    name: 'spendmeter-no-dynamic-code',
    enforce: 'pre',
    transform(code, id) {
      const path = id.replaceAll('\\', '/').split('?')[0]!;
      let out = code;
      for (const rewrite of REWRITES) {
        if (!rewrite.file.test(path)) continue;
        const at = out.indexOf(rewrite.find);
        if (at === -1 || out.indexOf(rewrite.find, at + 1) !== -1) {
          this.error(`${path}: expected exactly one "${rewrite.find.slice(0, 40)}…" to rewrite; the library changed, update scripts/vite-no-dynamic-code.ts`);
        }
        out = out.slice(0, at) + rewrite.replace + out.slice(at + rewrite.find.length);
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}
