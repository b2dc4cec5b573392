/**
 * One check for "this screen is usable": axe-core's WCAG 2.1 A/AA rules, no sideways scrolling,
 * body text no smaller than 16px, form fields whose edges can be seen (WCAG 1.4.11, which axe
 * does not test), no word broken across lines mid-word, no text cut off by its box, and nothing
 * sticking out of a table. Serious and critical violations fail the test; moderate and minor ones
 * are printed so they are seen, without failing it. `expectAccessibleAtEveryWidth` runs it all at
 * the four window sizes the app is built for.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { source as axeSource } from 'axe-core';

/** The window sizes every screen is checked at: a narrow window, a tablet upright, a small laptop, a desktop. */
export const windowSizes = [
  { width: 640, height: 800 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const;

/** Where the sidebar folds into the header's menu button (Mantine's md breakpoint). */
export const menuBelowPx = 992;

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const failingImpacts = new Set(['serious', 'critical']);
export const minimumTextPx = 16;

/**
 * Text a person reads, sampled where it matters: the body, and paragraphs, table cells, labels
 * and inputs in the main landmark and in any open dialog. Small badges and codes are not sampled.
 */
const textSample = [
  'main p',
  'main td',
  'main th',
  'main label',
  'main input',
  'main select',
  'main textarea',
  '[role="dialog"] p',
  '[role="dialog"] td',
  '[role="dialog"] th',
  '[role="dialog"] label',
  '[role="dialog"] textarea',
].join(', ');

/** WCAG's contrast ratio of two `rgb()`/`rgba()` colours (an alpha below 1 is laid over white). */
export function contrastRatio(first: string, second: string): number {
  const luminance = (colour: string) => {
    const parts = colour.match(/[\d.]+/g)?.map(Number);
    if (!parts || parts.length < 3) throw new Error(`Not an rgb() colour: ${colour}`);
    const alpha = parts[3] ?? 1;
    const [r, g, b] = parts.slice(0, 3).map((channel) => {
      const value = (channel * alpha + 255 * (1 - alpha)) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

interface SmallText {
  selector: string;
  text: string;
  px: number;
}

// Expression strings: this file is type-checked for Node, where the page's globals do not exist.
const horizontalOverflowScript = `(() => {
  const root = document.documentElement;
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
})()`;

const smallTextScript = `(() => {
  const minimum = ${minimumTextPx};
  const describe = (element) => {
    const id = element.id ? '#' + element.id : '';
    const classes = [...element.classList].slice(0, 2).map((name) => '.' + name).join('');
    return element.tagName.toLowerCase() + id + classes;
  };
  const small = [];
  const bodyPx = parseFloat(getComputedStyle(document.body).fontSize);
  if (bodyPx < minimum) small.push({ selector: 'body', text: '', px: bodyPx });
  for (const element of document.querySelectorAll(${JSON.stringify(textSample)})) {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const visible = style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
    const text = (element.value || element.textContent || '').trim();
    if (!visible || text === '') continue;
    const px = parseFloat(style.fontSize);
    if (px < minimum) small.push({ selector: describe(element), text: text.slice(0, 60), px });
  }
  return small;
})()`;

/** Form fields' borders and the colour behind each field, to check they stand out at 3:1. */
const fieldEdgesScript = `(() => {
  const behind = (element) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const fields = [];
  for (const element of document.querySelectorAll('input, select, textarea')) {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.opacity === '0' || box.width < 8 || box.height < 8) continue;
    if (parseFloat(style.borderTopWidth) === 0 || style.borderTopStyle === 'none') continue;
    // Focused fields show the focus ring; disabled ones are exempt from 1.4.11.
    if (element.matches(':focus, :disabled')) continue;
    const id = element.id ? '#' + element.id : '';
    const name = (element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 40);
    fields.push({
      field: element.tagName.toLowerCase() + id + ' "' + name + '"',
      border: style.borderTopColor,
      background: behind(element),
    });
  }
  return fields;
})()`;

/**
 * Words broken across two lines between two letters or digits ("Anonymo" / "us"): each word of each
 * visible text node is measured as a range; a word on more than one line is walked a character at a
 * time to find where the line changes. Breaks after a hyphen or a slash are where lines may end.
 */
const brokenWordsScript = `(() => {
  const found = [];
  // Text kept for screen readers only, in a box of a pixel that clips it, is not on screen to be cut.
  const visuallyHidden = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1 && getComputedStyle(node).overflow !== 'visible') return true;
    }
    return false;
  };
  const range = document.createRange();
  const lineTops = (start, end) => {
    range.setStart(range.startContainer, start);
    range.setEnd(range.startContainer, end);
    return [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => rect.top);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    for (const match of node.data.matchAll(/\\S{2,}/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => rect.top);
      if (tops.length < 2 || Math.max(...tops) - Math.min(...tops) < 4) continue;
      let previousTop = null;
      for (let offset = 0; offset < match[0].length; offset += 1) {
        const [top] = lineTops(match.index + offset, match.index + offset + 1);
        if (top === undefined) continue;
        if (previousTop !== null && top - previousTop > 4) {
          const before = match[0][offset - 1];
          const after = match[0][offset];
          if (/[\\p{L}\\p{N}]/u.test(before) && /[\\p{L}\\p{N}]/u.test(after) && !visuallyHidden(parent)) {
            found.push(match[0].slice(0, offset) + '/' + match[0].slice(offset) + ' in ' + parent.tagName.toLowerCase() +
              (parent.className && typeof parent.className === 'string' ? '.' + parent.className.split(' ')[0] : ''));
          }
        }
        previousTop = top;
      }
    }
  }
  return found;
})()`;

/**
 * Text cut off by its own box: an element that clips its overflow sideways (or scrolls it) and is
 * wider inside than out, unless it ends in an ellipsis on purpose. And anything that sticks out
 * past the left or right edge of the table it is in.
 */
const clippedScript = `(() => {
  const describe = (element) => {
    const classes = typeof element.className === 'string' ? element.className.split(' ').slice(0, 2).map((name) => '.' + name).join('') : '';
    const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    return element.tagName.toLowerCase() + classes + ' "' + text + '"';
  };
  const shown = (element) => element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  // Text kept for screen readers only, in a box of a pixel that clips it, is not on screen to be cut.
  const visuallyHidden = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1 && getComputedStyle(node).overflow !== 'visible') return true;
    }
    return false;
  };
  const cut = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.matches('input, select, textarea, option, svg, svg *') || !shown(element)) continue;
    const style = getComputedStyle(element);
    if (!['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX)) continue;
    if (style.textOverflow === 'ellipsis') continue;
    const text = (element.textContent || '').trim();
    if (element.scrollWidth > element.clientWidth + 1 && text !== '' && !visuallyHidden(element)) {
      cut.push(describe(element) + ': ' + element.scrollWidth + 'px inside ' + element.clientWidth + 'px');
    }
  }
  const outside = [];
  for (const table of document.querySelectorAll('table')) {
    if (!shown(table)) continue;
    const edges = table.getBoundingClientRect();
    // A table wider than the space it was given has grown past its frame: its columns do not fit.
    const frame = table.parentElement.getBoundingClientRect();
    if (edges.right > frame.right + 1 || edges.left < frame.left - 1) {
      outside.push(describe(table) + ' spans ' + Math.round(edges.left) + '-' + Math.round(edges.right) +
        'px, the space it has ' + Math.round(frame.left) + '-' + Math.round(frame.right) + 'px');
    }
    for (const element of table.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || !shown(element)) continue;
      if ((box.right > edges.right + 1 || box.left < edges.left - 1) && !visuallyHidden(element)) {
        outside.push(describe(element) + ' spans ' + Math.round(box.left) + '-' + Math.round(box.right) +
          'px, its table ' + Math.round(edges.left) + '-' + Math.round(edges.right) + 'px');
      }
    }
  }
  return { cut, outside };
})()`;

/** The layout has caught up with a resize: two frames drawn and no transition still running. */
export async function expectSettled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
          resolve(document.getAnimations().every((animation) => animation.playState !== 'running')))))`,
      ),
    )
    .toBe(true);
}

export type WindowSize = (typeof windowSizes)[number];

/**
 * Every check at each window size in turn, ending at the widest; the page keeps its state
 * throughout. `alsoCheck` adds a screen's own checks at each size.
 */
export async function expectAccessibleAtEveryWidth(
  page: Page,
  label: string,
  alsoCheck?: (size: WindowSize) => Promise<void>,
): Promise<void> {
  for (const size of windowSizes) {
    await page.setViewportSize(size);
    await expectSettled(page);
    await expectAccessible(page, `${label} at ${size.width}x${size.height}`);
    if (alsoCheck) await test.step(`${label} at ${size.width}x${size.height}`, () => alsoCheck(size));
  }
}

/** Runs every check on the page as it is now; `label` names the screen and state in messages. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await test.step(`accessible: ${label}`, async () => {
    // Colours are measured: a dialog still fading in reads as too faint (seen on a confirm button).
    await expectSettled(page);
    // axe-core is injected once per page (a page keeps it until it reloads), not before every check.
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
    // Legacy mode runs axe.run in the page itself (no extra page per check); there are no frames here.
    const results = await new AxeBuilder({ page, axeSource: ';' }).setLegacyMode().withTags(wcagTags).analyze();
    const describe = (violation: (typeof results.violations)[number]) =>
      `[${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n` +
      violation.nodes.map((node) => `    at ${node.target.map(String).join(' > ')}`).join('\n');

    const failing = results.violations.filter((violation) => failingImpacts.has(violation.impact ?? ''));
    const reported = results.violations.filter((violation) => !failingImpacts.has(violation.impact ?? ''));
    if (reported.length > 0) {
      console.log(`${label}: moderate or minor accessibility issues\n${reported.map(describe).join('\n')}`);
    }
    expect(failing.map(describe), `${label}: serious or critical accessibility violations`).toEqual([]);

    const { scrollWidth, clientWidth } = (await page.evaluate(horizontalOverflowScript)) as {
      scrollWidth: number;
      clientWidth: number;
    };
    expect(
      scrollWidth,
      `${label}: the page scrolls sideways (${scrollWidth}px wide in ${clientWidth}px)`,
    ).toBeLessThanOrEqual(clientWidth);

    const fields = (await page.evaluate(fieldEdgesScript)) as { field: string; border: string; background: string }[];
    const faint = fields.flatMap((field) => {
      const ratio = contrastRatio(field.border, field.background);
      return ratio < 3 ? [`${field.field}: ${field.border} on ${field.background}, ${ratio.toFixed(2)}:1`] : [];
    });
    expect(faint, `${label}: form fields whose border is under 3:1 against the page (WCAG 1.4.11)`).toEqual([]);

    const small = (await page.evaluate(smallTextScript)) as SmallText[];
    expect(
      small.map((item) => `${item.selector} (${item.px}px) "${item.text}"`),
      `${label}: text smaller than ${minimumTextPx}px`,
    ).toEqual([]);

    const broken = (await page.evaluate(brokenWordsScript)) as string[];
    expect(broken, `${label}: words broken across lines mid-word`).toEqual([]);
    const { cut, outside } = (await page.evaluate(clippedScript)) as { cut: string[]; outside: string[] };
    expect(cut, `${label}: text cut off (or scrolled sideways) inside its box`).toEqual([]);
    expect(outside, `${label}: content sticking out of its table`).toEqual([]);
  });
}
