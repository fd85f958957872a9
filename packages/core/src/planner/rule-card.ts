import type { UiLocale } from '../domain/common.schema.js';
import type { PlannerRule } from './rule.schema.js';
import { RULE_DESCRIPTIONS_ZH } from './rules/rules.v1.zh-CN.js';

/*
 * A rule as a reader sees it on its card: what it does in a sentence, in their language, and the
 * published sources it rests on. A rule's `source` cites our research notes (domain.md, with
 * section numbers) around the sources named there; a reader gets only the sources.
 */

/** The rule's sentence in a language (its English description where no translation exists). */
export function ruleDescription(rule: Pick<PlannerRule, 'id' | 'description'>, locale: UiLocale): string {
  return locale === 'zh-CN' ? (RULE_DESCRIPTIONS_ZH[rule.id] ?? rule.description) : rule.description;
}

/** Splits on a separator that is not inside parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  return [...parts, current];
}

/** Looks like a source (a site, a paper with a year, a law, a named author), not a note of ours. */
const isSource = (item: string) => /\.[a-z]{2,}|\d{4}|^[A-Z]/.test(item) && !/\[|DESIGN\.md/.test(item);

/**
 * Drops a note of ours in parentheses after a source ("(6)", "(most clients 20s-40s)") and keeps
 * what belongs to the citation ("(J Cosmet Dermatol, doi …)", "(PMC6219221)", "(JCAS)").
 */
function withoutNotes(item: string): string {
  let out = '';
  let depth = 0;
  let inner = '';
  for (const ch of item) {
    if (ch === '(' && depth++ === 0) {
      inner = '';
      continue;
    }
    if (ch === ')' && depth > 0 && --depth === 0) {
      // An issue number written onto a volume ("26(3)") is part of the citation too.
      if (/^[A-Z]/.test(inner) || /\S$/.test(out)) out += `(${inner})`;
      continue;
    }
    if (depth > 0) inner += ch;
    else out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The published sources a rule cites: `domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au); §7.3
 * (Sioux City screening form)` → ["naturalinkspm.com", "inkdsmp.com.au", "Sioux City screening
 * form"]. Empty when the rule rests on our own notes only.
 */
export function ruleSources(source: string): string[] {
  const unwrapped = source
    .replace(/DESIGN\.md\s*\([^)]*\)/g, '')
    .replace(/domain\.md/g, '')
    // A section followed by what it cites: keep what it cites.
    .replace(/§[\d.]+(?:-[\d.]+)?\s*\(([^)]*)\)/g, '; $1')
    // A section alone, with any words of ours after it, up to the next separator.
    .replace(/§[\d.]+(?:-[\d.]+)?[^;,(]*/g, '');
  const items = splitTopLevel(unwrapped, ';')
    .flatMap((part) => splitTopLevel(part, ','))
    // "RealSelf: pigment behind…": what follows a colon and a space is our note on the source.
    .map((item) => withoutNotes(item.replace(/\[[^\]]*\]/g, '').replace(/:\s.*$/, '')))
    .filter((item) => item !== '' && isSource(item));
  return [...new Set(items)];
}
