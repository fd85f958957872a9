import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, CATALOGUES, STAFF_ROLES, UI_LOCALES } from '@stipple/core';
import { translations as zxcvbnEnglish } from '@zxcvbn-ts/language-en';
import en from './en.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en);
const zhKeys = flatten(zhCN);
// What the app reads under `messages`: the catalogue it shares with the server (i18n.ts).
const catalogueKeys = flatten({ messages: CATALOGUES.en });
// i18next plural forms: English has _one and _other, Chinese only _other.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (k: string) => k.replace(PLURAL, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** A key is known if it is there as is, or as a plural family. */
function has(keys: Map<string, string>, key: string): boolean {
  return keys.has(key) || keys.has(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('translations', () => {
  it('zh-CN has every key of en, and nothing en lacks', () => {
    const missing = [...enKeys.keys()].filter((k) => !has(zhKeys, baseKey(k)));
    const extra = [...zhKeys.keys()].filter((k) => !has(enKeys, baseKey(k)));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const mismatched = [...zhKeys].filter(([k, zh]) => {
      const enValue = enKeys.get(k) ?? enKeys.get(`${baseKey(k)}_other`) ?? '';
      return placeholders(zh).join() !== placeholders(enValue).join();
    });
    expect(mismatched).toEqual([]);
  });

  it('translates every text into Chinese rather than copying the English', () => {
    // Names of things that are the same in both: the product, language names, a date pattern.
    const sameInBoth = new Set([
      'app.name',
      'language.en',
      'language.zh-CN',
      'client.dateOfBirthPlaceholder',
    ]);
    const untranslated = [...zhKeys]
      .filter(([k]) => !sameInBoth.has(k))
      .filter(([, v]) => !/[\u4e00-\u9fff]/.test(v))
      // Only placeholders and punctuation ("{{name}}，{{when}}：{{reason}}") are the same in both.
      .filter(([, v]) => /[A-Za-z]/.test(v.replace(/\{\{\s*\w+\s*\}\}/g, '')))
      .map(([k]) => k);
    expect(untranslated).toEqual([]);
    for (const [k, v] of [...enKeys, ...zhKeys]) expect(v.trim(), k).not.toBe('');
  });

  it('has a text for every key the code asks for', () => {
    const root = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !has(enKeys, k) && !has(catalogueKeys, k));
    expect(missing).toEqual([]);
  });

  it('calls the artist 纹绣师 everywhere, never 技师', () => {
    const everything = JSON.stringify([zhCN, CATALOGUES['zh-CN']]);
    expect(everything).toContain('纹绣师');
    expect(everything).not.toContain('技师');
  });

  it('calls pigment 色素 everywhere, never 色料', () => {
    const everything = JSON.stringify([zhCN, CATALOGUES['zh-CN']]);
    expect(everything).toContain('色素批次');
    expect(everything).not.toContain('色料');
  });

  it('names every kind of record the server writes to the audit log', () => {
    // The audit log page shows a record's kind by these names; an unnamed one showed as
    // `treatment_plan` in the Chinese UI.
    const server = join(import.meta.dirname, '..', '..', '..', 'server', 'src');
    const kinds = new Set<string>();
    for (const file of sourceFiles(server)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\baudit\(\s*tx,\s*\w+,\s*'[\w.-]+',\s*'(\w+)'/g)) kinds.add(m[1]!);
      for (const m of text.matchAll(/\bentityType: '(\w+)'/g)) kinds.add(m[1]!);
    }
    expect(kinds.size).toBeGreaterThan(15);
    expect([...kinds].filter((k) => !has(enKeys, `audit.entityTypes.${k}`))).toEqual([]);
  });

  it('names every audit action, staff role, UI language and password warning', () => {
    for (const a of AUDIT_ACTIONS) expect(has(enKeys, `audit.actions.${a}`), a).toBe(true);
    for (const r of STAFF_ROLES) expect(has(enKeys, `roles.${r}`), r).toBe(true);
    for (const l of UI_LOCALES) expect(has(enKeys, `language.${l}`), l).toBe(true);
    for (const w of Object.keys(zxcvbnEnglish.warnings))
      expect(has(enKeys, `passwordFeedback.warnings.${w}`), w).toBe(true);
    for (const s of Object.keys(zxcvbnEnglish.suggestions))
      expect(has(enKeys, `passwordFeedback.suggestions.${s}`), s).toBe(true);
  });
});
