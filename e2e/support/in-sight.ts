// The check a walk through the app makes at every step, before acting: the buttons the user must
// press are wholly in the window without scrolling, and no button in sight is covered by anything
// (a toast, a hint bar, a popover, a header). Then a picture of the window as the user sees it.
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const screenshotDir = new URL('../screenshots/', import.meta.url).pathname;

/** One button in sight that fails the check, for the failure message. */
interface Problem {
  text: string;
  why: string;
}

/**
 * Waits until the window holds still: no finite CSS animation or transition runs (a dialog sliding
 * in, a toast arriving) and the buttons are where they were one frame before. Frames, not time.
 */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const finite = document
            .getAnimations()
            .filter(
              (a) =>
                a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)),
            );
          await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
          const where = () =>
            [...document.querySelectorAll('button, [role="button"], a[href], [role="dialog"]')]
              .map((el) => {
                const r = el.getBoundingClientRect();
                return `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}`;
              })
              .join(';');
          const before = where();
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          return before === where();
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Marks the step's actions (each must resolve to one element) so that the page-side check can
 * tell them apart from the other buttons: they must be wholly in sight; others only uncovered.
 */
async function markActions(actions: Locator[]): Promise<void> {
  for (const [i, action] of actions.entries()) {
    await action.waitFor({ state: 'visible' });
    await action.evaluate((el, n) => el.setAttribute('data-step-action', String(n)), i);
  }
}

/**
 * Runs in the page. A button is in sight when its centre is in the window, inside every box that
 * clips it (a dialog's scrolled body), and not in a band that the page scrolls beneath by design:
 * the app's fixed header once the page is scrolled, and a sticky action bar at the foot of a form
 * (what is under them is out of sight, as above the window's top). An action must be wholly in
 * sight; any button in sight must be what the finger hits at its centre.
 */
function inspect(): { text: string; why: string }[] {
  const problems: { text: string; why: string }[] = [];
  // The root's client box, not innerWidth/innerHeight: in a phone or tablet context Chromium widens
  // the layout viewport to content that overflows, and an action off the right edge would count.
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const label = (el: Element) =>
    (
      el.getAttribute('aria-label') ||
      (el as HTMLElement).innerText ||
      (el as HTMLInputElement).labels?.[0]?.innerText ||
      el.getAttribute('title') ||
      el.getAttribute('data-testid') ||
      el.tagName
    )
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60);
  const describe = (el: Element) => {
    const testId = el.closest('[data-testid]')?.getAttribute('data-testid');
    const cls = (el.getAttribute('class') ?? '').split(/\s+/).find((c) => c.startsWith('mantine-')) ?? '';
    return `${el.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}${cls ? `.${cls}` : ''} "${label(el)}"`;
  };
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    if (el.closest('[aria-hidden="true"], [inert]')) return false;
    for (let n: Element | null = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
    }
    return true;
  };

  // The band of the window the user sees content in.
  let top = 0;
  let bottom = vh;
  const header = document.querySelector('.mantine-AppShell-header');
  if (header && window.scrollY > 0) top = Math.max(top, header.getBoundingClientRect().bottom);
  // Action bars stuck to the foot of the window (position: sticky, not a fixed toast).
  const stickyBars = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
    if (getComputedStyle(el).position !== 'sticky' || el.closest('[role="dialog"]') || !shown(el))
      return false;
    const r = el.getBoundingClientRect();
    return r.bottom >= vh - 1 && r.top > vh / 2;
  });
  for (const bar of stickyBars) bottom = Math.min(bottom, bar.getBoundingClientRect().top);

  /** The box an element can be seen in: the window, cut by every ancestor that clips overflow. */
  const clipOf = (el: Element) => {
    let box = { left: 0, top: 0, right: vw, bottom: vh };
    for (let n = el.parentElement; n && n !== document.documentElement; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (/(auto|scroll|hidden|clip)/.test(s.overflowX + s.overflowY)) {
        const r = n.getBoundingClientRect();
        box = {
          left: Math.max(box.left, r.left),
          top: Math.max(box.top, r.top),
          right: Math.min(box.right, r.right),
          bottom: Math.min(box.bottom, r.bottom),
        };
      }
    }
    return box;
  };
  const inChrome = (el: Element) =>
    Boolean(el.closest('.mantine-AppShell-header')) || stickyBars.some((bar) => bar.contains(el));
  const dialogs = [...document.querySelectorAll('[role="dialog"]')].filter(shown);
  const inScope = (el: Element) => dialogs.length === 0 || dialogs.some((d) => d.contains(el));

  const buttons = [
    ...document.querySelectorAll('button, [role="button"], a[href], [data-step-action]'),
  ].filter((el) => shown(el) && inScope(el));
  for (const el of new Set(buttons)) {
    const r = el.getBoundingClientRect();
    const isAction = el.hasAttribute('data-step-action');
    const inDialog = dialogs.some((d) => d.contains(el));
    const clip = clipOf(el);
    const chrome = inChrome(el);
    const bandTop = chrome || inDialog ? 0 : top;
    const bandBottom = chrome || inDialog ? vh : bottom;
    if (isAction || inDialog) {
      const out: string[] = [];
      if (r.left < -0.5 || r.right > vw + 0.5) out.push('off the side of the window');
      if (r.top < bandTop - 0.5) out.push(bandTop > 0 ? 'under the header' : 'above the window');
      if (r.bottom > bandBottom + 0.5)
        out.push(
          bandBottom < vh
            ? 'under the sticky action bar'
            : `below the fold (its foot at ${Math.round(r.bottom)} px of ${vh})`,
        );
      else if (
        r.top < clip.top - 0.5 ||
        r.bottom > clip.bottom + 0.5 ||
        r.left < clip.left - 0.5 ||
        r.right > clip.right + 0.5
      )
        out.push('scrolled out of its box');
      if (out.length > 0) {
        problems.push({ text: label(el), why: `${isAction ? 'action' : 'dialog button'} ${out.join(', ')}` });
        continue;
      }
    }
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const seen =
      cx >= Math.max(0, clip.left) &&
      cx <= Math.min(vw, clip.right) &&
      cy >= Math.max(bandTop, clip.top) &&
      cy <= Math.min(bandBottom, clip.bottom);
    if (!seen) continue;
    // The button itself, something in it, or (a button that takes no touches) what holds it.
    // (For a text field, its own sections too: a number field's steppers sit at its right end.)
    const own = el.closest('.mantine-Input-wrapper') ?? el;
    const mine = (hit: Element | null) => Boolean(hit && (own.contains(hit) || hit.contains(el)));
    const hit = document.elementFromPoint(cx, cy);
    if (!mine(hit)) {
      problems.push({ text: label(el), why: `covered by ${hit ? describe(hit) : 'nothing hit-testable'}` });
      continue;
    }
    // An action (a signature pad too) must be wholly uncovered: its corners, just inside the
    // rounding, are the finger's as well.
    if (!isAction) continue;
    const inset = Math.min(10, r.width / 4, r.height / 4);
    for (const [x, y] of [
      [r.left + inset, r.top + inset],
      [r.right - inset, r.top + inset],
      [r.left + inset, r.bottom - inset],
      [r.right - inset, r.bottom - inset],
    ] as const) {
      const corner = document.elementFromPoint(x, y);
      if (mine(corner)) continue;
      problems.push({
        text: label(el),
        why: `partly covered by ${corner ? describe(corner) : 'the edge of its box'}`,
      });
      break;
    }
  }
  for (const el of document.querySelectorAll('[data-step-action]')) el.removeAttribute('data-step-action');
  return problems;
}

/**
 * The shared check of a walk step, made before acting: `actions` (the controls the user must press
 * now) are wholly in the window (or, on a page that is a long document by design, in its sticky
 * action bar), and so is every button of an open dialog; no button in sight is covered. Saves the
 * window, not the full page, as e2e/screenshots/<shot>.png. A failure names the step and each
 * button by its text; the walk goes on (a soft assertion) so that one run shows every step.
 */
export async function actionsInSight(
  page: Page,
  step: string,
  shot: string,
  actions: Locator[],
): Promise<void> {
  await markActions(actions);
  await settled(page);
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${shot}.png`, fullPage: false });
  const problems: Problem[] = await page.evaluate(inspect);
  expect
    .soft(
      problems.map((p) => `${step}: "${p.text}" ${p.why}`),
      `step "${step}" (e2e/screenshots/${shot}.png)`,
    )
    .toEqual([]);
}
