/**
 * One check for "this screen is usable": axe-core's WCAG 2.1 A/AA rules, no sideways scrolling,
 * body text no smaller than 16px, and form fields whose edges can be seen (WCAG 1.4.11, which axe
 * does not test). Serious and critical violations fail the test; moderate and minor ones are
 * printed so they are seen, without failing it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

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

/** Runs every check on the page as it is now; `label` names the screen and state in messages. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await test.step(`accessible: ${label}`, async () => {
    const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
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
  });
}
