// A person's name as the name itself is written: Chinese, Japanese and Korean names family name
// first with no space ("王芳"), others given name first ("José Núñez"). Same rule as the web app.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function formatName(name: { givenName: string; familyName: string }): string {
  const given = name.givenName.trim();
  const family = name.familyName.trim();
  if (!given) return family;
  if (!family) return given;
  return CJK.test(given) || CJK.test(family) ? family + given : `${given} ${family}`;
}

/** "José N." / "王芳": enough for an artist's calendar feed, no more. */
export function shortName(name: { givenName: string; familyName: string }): string {
  const given = name.givenName.trim();
  const family = name.familyName.trim();
  if (CJK.test(given) || CJK.test(family)) return formatName(name);
  if (!given) return family;
  return family ? `${given} ${family[0]}.` : given;
}
