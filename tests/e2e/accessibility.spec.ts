/**
 * Every screen, in the states people see most, passes the accessibility and layout checks (see
 * accessibility.ts) at each of the four window sizes, from 640 pixels wide to 1280, in English and
 * in Spanish, whose labels are longer. Each page is resized through the sizes in place, so a state
 * is set up once and axe is injected once. Below 992 pixels the sidebar is a menu, tested here too.
 */
import type { Page } from '@playwright/test';
import {
  contrastRatio,
  expectAccessible,
  expectAccessibleAtEveryWidth,
  expectSettled,
  menuBelowPx,
  windowSizes,
} from './accessibility';
import { callHarness, expect, test as base } from './fixtures';

/** What the checks look for on screen, in each language. */
const languages = {
  en: {
    nav: 'Main',
    menu: 'Menu',
    save: /^Save (encounter|tally)/,
    participantCode: 'Participant code',
    supplies: 'Supplies',
    logEncounter: 'Log encounter',
    loading: 'Loading…',
    encounters: 'Encounters',
    open: /^Open /,
    detail: 'Encounter details',
    void: 'Void',
    voidReason: 'Reason for voiding',
    settings: 'Settings',
    about: 'About',
    collections: 'Collections',
    participants: 'Participants',
    stock: 'Stock',
    receive: 'Receive',
    scan: 'Scan a barcode',
    countTab: 'Count',
    startCount: 'Start the count',
    countSheet: /^Count at /,
    onHand: 'On hand',
    showLots: /^Show 1 lot of /,
    hideLots: /^Hide lots of /,
    holdLot: /^Put on hold: lot NX-7781 of /,
    stockCardOf: /^Stock card of /,
  },
  es: {
    nav: 'Principal',
    menu: 'Menú',
    save: /^Guardar (encuentro|recuento)/,
    participantCode: 'Código de participante',
    supplies: 'Insumos',
    logEncounter: 'Registrar encuentro',
    loading: 'Cargando…',
    encounters: 'Encuentros',
    open: /^Abrir /,
    detail: 'Detalles del encuentro',
    void: 'Anular',
    voidReason: 'Motivo de la anulación',
    settings: 'Configuración',
    about: 'Acerca de',
    collections: 'Recolecciones',
    participants: 'Participantes',
    stock: 'Inventario',
    receive: 'Recibir',
    scan: 'Escanear un código de barras',
    countTab: 'Conteo de inventario',
    startCount: 'Empezar el conteo de inventario',
    countSheet: /^Conteo de inventario de /,
    onHand: 'Disponible',
    showLots: /^Ver 1 lote de /,
    hideLots: /^Ocultar lotes de /,
    holdLot: /^Dejar retenido el lote NX-7781 de /,
    stockCardOf: /^Movimientos de inventario de /,
  },
} as const;
type Language = keyof typeof languages;

/** The encounter the list screens show, logged through the core before the page loads. */
const participantCode = 'AX0290';

/**
 * `withData`: one encounter and one preset, written through the harness's core (the same one the
 * page talks to) before `signedInPage` loads the page, so the first render already shows them.
 * Not through the log form: its labels are not the subject here.
 */
const test = base.extend<{ withData: boolean; withDuplicates: boolean }>({
  withData: [false, { option: true }],
  withDuplicates: [false, { option: true }],
  databasePath: async ({ databasePath, harness, withData, withDuplicates }, use) => {
    if (withDuplicates) {
      // Two near-miss codes seen at one site (a likely duplicate), and syringes collected there, estimated.
      const [site] = await callHarness<{ id: string }[]>(harness, 'sites.list', {});
      const [item] = await callHarness<{ id: string }[]>(harness, 'items.list', {});
      for (const [participantCode, hoursAgo] of [
        ['MA0785', 5],
        ['MA0785', 3],
        ['MA0758', 1],
      ] as const) {
        await callHarness(harness, 'encounters.log', {
          siteId: site!.id,
          occurredAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
          participantCode,
          lines: [{ itemId: item!.id, quantity: 4 }],
        });
      }
      await callHarness(harness, 'collections.log', {
        siteId: site!.id,
        collectedOn: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
        source: 'community_sweep',
        collected: { containers: 2, pounds: 0.5 },
      });
    }
    if (withData) {
      const [site] = await callHarness<{ id: string }[]>(harness, 'sites.list', {});
      const [item] = await callHarness<{ id: string }[]>(harness, 'items.list', {});
      await callHarness(harness, 'encounters.log', {
        siteId: site!.id,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        participantCode,
        lines: [{ itemId: item!.id, quantity: 4 }],
      });
      await callHarness(harness, 'presets.create', {
        name: 'Standard kit',
        lines: [{ itemId: item!.id, quantity: 2 }],
      });
    }
    await use(databasePath);
  },
});

test.use({ viewport: { width: 1280, height: 800 } });
// Each test has its own database (and each worker its own harness): they may run side by side.
test.describe.configure({ mode: 'parallel' });

/** The drawer has slid fully in and no transition is still running (colours are not measured mid-fade). */
const drawerSettled = `(() => {
  const drawer = document.querySelector('[role="dialog"]');
  if (!drawer) return false;
  const box = drawer.getBoundingClientRect();
  const inPlace = Math.abs(box.right - document.documentElement.clientWidth) < 1;
  return inPlace && document.getAnimations().every((animation) => animation.playState !== 'running');
})()`;

async function useLanguage(page: Page, language: Language): Promise<void> {
  if (language === 'en') return;
  await page.getByRole('combobox', { name: 'Language' }).selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function expectLogScreenLoaded(page: Page, language: Language): Promise<void> {
  const words = languages[language];
  await expect(page.getByRole('heading', { level: 1, name: words.logEncounter })).toBeVisible();
  // The form and the recent encounters both say "Loading…" until their data is in.
  await expect(page.getByRole('main')).not.toContainText(words.loading);
  await expect(page.getByRole('main').getByRole('button').first()).toBeVisible();
}

/**
 * The log screen's Save bar, kept at the bottom of the window, is whole inside it at this size:
 * nothing of it, or of the Save button, is past an edge.
 */
async function expectSaveBarWhole(page: Page, language: Language): Promise<void> {
  const save = page.getByRole('button', { name: languages[language].save });
  const edges = async (box: { x: number; y: number; width: number; height: number } | null) => {
    const size = page.viewportSize()!;
    expect(box).not.toBeNull();
    return {
      left: box!.x,
      top: box!.y,
      rightGap: size.width - (box!.x + box!.width),
      bottomGap: size.height - (box!.y + box!.height),
    };
  };
  for (const [name, box] of [
    ['Save bar', await save.locator('xpath=..').boundingBox()],
    ['Save button', await save.boundingBox()],
  ] as const) {
    const { left, top, rightGap, bottomGap } = await edges(box);
    expect(
      Math.min(left, top, rightGap, bottomGap),
      `${name} inside the window: ${JSON.stringify(box)}`,
    ).toBeGreaterThanOrEqual(-0.5);
  }
}

async function openScreen(page: Page, language: Language, name: string): Promise<void> {
  await page.getByRole('navigation', { name: languages[language].nav }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('main')).not.toContainText(languages[language].loading);
}

for (const language of ['en', 'es'] as const) {
  const words = languages[language];

  test(`${language}: the Log encounter screen, as it first opens`, async ({ signedInPage: page }) => {
    test.setTimeout(60_000);
    await useLanguage(page, language);
    await expectLogScreenLoaded(page, language);
    await expectAccessibleAtEveryWidth(page, `${language} log encounter, empty`, () =>
      expectSaveBarWhole(page, language),
    );
  });

  test(`${language}: below ${menuBelowPx} pixels the navigation is a menu that opens, navigates and closes`, async ({
    signedInPage: page,
  }) => {
    test.setTimeout(60_000);
    await useLanguage(page, language);
    await expectLogScreenLoaded(page, language);
    const menu = page.getByRole('banner').getByRole('button', { name: words.menu });
    const navigation = page.locator('nav');
    for (const size of windowSizes) {
      await page.setViewportSize(size);
      await expectSettled(page);
      if (size.width >= menuBelowPx) {
        await expect(menu).toHaveCount(0);
        await expect(navigation).toBeInViewport();
        continue;
      }
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(navigation).not.toBeInViewport();
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      await expect(navigation).toBeInViewport();
      await expectSettled(page);
      await expectAccessible(page, `${language} the menu, open at ${size.width}x${size.height}`);
      await page.getByRole('navigation', { name: words.nav }).getByRole('button', { name: words.encounters }).click();
      await expect(page.getByRole('heading', { level: 1, name: words.encounters })).toBeFocused();
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expectSettled(page);
      await expect(navigation).not.toBeInViewport();
      // And back, for the next size: the log form starts at the participant code, as a fresh form does.
      await menu.click();
      await page.getByRole('navigation', { name: words.nav }).getByRole('button', { name: words.logEncounter }).click();
      await expect(page.getByRole('combobox', { name: words.participantCode })).toBeFocused();
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
    }
  });

  test.describe(() => {
    test.use({ withData: true });

    test(`${language}: the Encounters list, an encounter's details, and voiding it`, async ({ signedInPage: page }) => {
      // Four screens and states, each fully checked at four sizes.
      test.setTimeout(180_000);
      await useLanguage(page, language);
      await expectLogScreenLoaded(page, language);
      await expect(page.getByRole('main').getByRole('table')).toContainText(participantCode);
      await expectAccessibleAtEveryWidth(page, `${language} log encounter, with a recent encounter and a preset`, () =>
        expectSaveBarWhole(page, language),
      );

      await openScreen(page, language, words.encounters);
      const table = page.getByRole('table', { name: words.encounters });
      const row = table.getByRole('row').filter({ hasText: participantCode });
      await expect(row).toBeVisible();
      await expectAccessibleAtEveryWidth(page, `${language} encounters list`);

      await row.getByRole('button', { name: words.open }).click();
      const detail = page.getByRole('dialog', { name: words.detail });
      await expect(detail).toBeVisible();
      await expect.poll(() => page.evaluate(drawerSettled)).toBe(true);
      await expectAccessibleAtEveryWidth(page, `${language} encounter details`);

      await detail.getByRole('button', { name: words.void, exact: true }).click();
      await expect(detail.getByRole('textbox', { name: words.voidReason })).toBeFocused();
      await expectAccessibleAtEveryWidth(page, `${language} void an encounter`);
    });
  });
}

for (const language of ['en', 'es'] as const) {
  const words = languages[language];

  test.describe(() => {
    test.use({ withData: true });

    test(`${language}: Settings, every tab`, async ({ signedInPage: page }) => {
      // One full check per tab, at four sizes.
      test.setTimeout(240_000);
      await useLanguage(page, language);
      await openScreen(page, language, words.settings);
      const tabs = page.getByRole('tab');
      // Tabs are counted, not listed: a new tab is checked as soon as it is added.
      const count = await tabs.count();
      expect(count).toBeGreaterThanOrEqual(5);
      for (let index = 0; index < count; index += 1) {
        const tab = tabs.nth(index);
        const name = (await tab.textContent())?.trim() ?? `tab ${index + 1}`;
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await expect(page.getByRole('tabpanel')).toBeVisible();
        await expect(page.getByRole('main')).not.toContainText(words.loading);
        await expectAccessibleAtEveryWidth(page, `${language} settings, ${name} tab`);
      }
    });
  });

  test.describe(() => {
    test.use({ withDuplicates: true });

    test(`${language}: Collections and Participants, with a collection and a likely duplicate`, async ({
      signedInPage: page,
    }) => {
      test.setTimeout(90_000);
      await useLanguage(page, language);
      await openScreen(page, language, words.collections);
      await expect(page.getByRole('main').getByRole('table')).toBeVisible();
      await expectAccessibleAtEveryWidth(page, `${language} collections`);
      await openScreen(page, language, words.participants);
      await expect(page.getByRole('main').getByRole('table').first()).toContainText('MA0758');
      await expectAccessibleAtEveryWidth(page, `${language} participants`);
    });
  });

  test.describe(() => {
    test.use({ withData: true });

    test(`${language}: Stock, every tab, a lot's hold and a stock card`, async ({ signedInPage: page, harness }) => {
      test.setTimeout(240_000);
      // A lot received and adjusted, and a reason of the program's own: the Adjust tab's lists and
      // the stock card have rows, the On hand tab a lot to hold.
      const [site] = await callHarness<{ id: string }[]>(harness, 'sites.list', {});
      const items = await callHarness<{ id: string; tracksLots: boolean }[]>(harness, 'items.list', {});
      const tracked = items.find((one) => one.tracksLots)!;
      await callHarness(harness, 'inventory.receive', {
        siteId: site!.id,
        itemId: tracked.id,
        units: 30,
        lotNumber: 'NX-7781',
        expiresOn: '2030-06-30',
      });
      await callHarness(harness, 'inventory.adjust', {
        siteId: site!.id,
        reason: 'damaged',
        lines: [{ itemId: tracked.id, units: 2 }],
        note: 'Vials cracked in the van',
      });
      await callHarness(harness, 'adjustmentReasons.create', { name: 'Used for training', direction: 'remove' });
      await useLanguage(page, language);
      await openScreen(page, language, words.stock);
      const tabs = page.getByRole('main').getByRole('tab');
      // Counted, as Settings' are: a new tab is checked as soon as it is added.
      const count = await tabs.count();
      expect(count).toBeGreaterThanOrEqual(3);
      for (let index = 0; index < count; index += 1) {
        const tab = tabs.nth(index);
        const name = (await tab.textContent())?.trim() ?? `tab ${index + 1}`;
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await expect(page.getByRole('tabpanel')).toBeVisible();
        await expect(page.getByRole('main')).not.toContainText(words.loading);
        await expectAccessibleAtEveryWidth(page, `${language} stock, ${name} tab`);
      }
      // Receiving from scans: a line filled from a barcode no item has yet, a second line, a barcode refused.
      await page.getByRole('main').getByRole('tab', { name: words.receive }).click();
      const scan = page.getByLabel(words.scan);
      await scan.fill('01006141410000121728113010LOT-1');
      await scan.press('Enter');
      await expect(page.getByTestId('receive-unknown-gtin')).toBeVisible();
      await scan.fill('4006381333932');
      await scan.press('Enter');
      await expect(scan).toHaveAttribute('aria-invalid', 'true');
      await expectAccessibleAtEveryWidth(page, `${language} stock, receiving from scans`);
      // A count opened, its lines ready for figures.
      await page.getByRole('main').getByRole('tab', { name: words.countTab }).click();
      await page.getByRole('button', { name: words.startCount }).click();
      await expect(page.getByRole('heading', { name: words.countSheet })).toBeVisible();
      await expect(page.getByRole('main').getByRole('spinbutton').first()).toBeVisible();
      await expectAccessibleAtEveryWidth(page, `${language} stock, a count opened`);
      await page.getByRole('main').getByRole('tab', { name: words.onHand }).click();
      await page.getByRole('button', { name: words.showLots }).click();
      await page.getByRole('button', { name: words.holdLot }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectAccessibleAtEveryWidth(page, `${language} stock, a lot's hold`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: words.hideLots }) })
        .getByRole('button', { name: words.stockCardOf })
        .click();
      await expect(page.getByRole('dialog').getByRole('table')).toBeVisible();
      await expectAccessibleAtEveryWidth(page, `${language} stock, a stock card`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  });

  test(`${language}: About`, async ({ signedInPage: page }) => {
    test.setTimeout(60_000);
    await useLanguage(page, language);
    await openScreen(page, language, words.about);
    await expect(page.getByRole('main').getByRole('table')).toBeVisible();
    await expectAccessibleAtEveryWidth(page, `${language} about`);
  });
}

test.describe(() => {
  test.use({ withData: true });

  test('en: the log screen in use: matches, the code builder, shortcuts, a tally, a save, a correction', async ({
    signedInPage: page,
  }) => {
    // Eight states, each fully checked at four sizes.
    test.setTimeout(300_000);
    await expectLogScreenLoaded(page, 'en');
    const code = page.getByRole('combobox', { name: 'Participant code' });
    await code.fill('AX');
    await expect(page.getByRole('listbox', { name: 'Matching codes' }).getByRole('option')).toHaveCount(1);
    await expectAccessibleAtEveryWidth(page, 'en log: matching codes listed', () => expectSaveBarWhole(page, 'en'));
    await code.press('Enter');
    await expect(page.getByTestId('last-visit')).toContainText(participantCode);
    await expectAccessibleAtEveryWidth(page, 'en log: a returning participant with their last visit', () =>
      expectSaveBarWhole(page, 'en'),
    );

    await page.keyboard.press('Alt+KeyN');
    const builder = page.getByRole('dialog', { name: 'New participant code' });
    await builder.getByRole('button', { name: 'Use this code' }).click();
    await expect(builder.getByRole('alert').or(builder.locator('[aria-invalid="true"]')).first()).toBeVisible();
    await expectAccessibleAtEveryWidth(page, 'en log: the code builder with errors');
    const answer = async () => {
      await builder.getByLabel("Mother's first name", { exact: true }).fill('Ax');
      await builder.getByLabel('Month of birth', { exact: true }).fill('1');
      await builder.getByLabel('Year of birth', { exact: true }).fill('2001');
      await builder.getByRole('button', { name: 'Use this code' }).click();
    };
    // A new code, used for a first visit; built again for the next person, it is taken.
    await answer();
    await expect(builder).toBeHidden();
    await expect(code).toHaveValue('AX0101');
    // A conversation, nothing handed out: saved as a contact with no supplies.
    await page.getByRole('checkbox', { name: /^Contact with no supplies/ }).check();
    await page.keyboard.press('Control+Enter');
    await expect(code).toHaveValue('');
    await page.keyboard.press('Alt+KeyN');
    await answer();
    await expect(builder.getByRole('button', { name: 'Yes, same person' })).toBeFocused();
    await expectAccessibleAtEveryWidth(page, 'en log: the code builder asking "same person?"');
    await builder.getByRole('button', { name: 'Yes, same person' }).click();
    await expect(builder).toBeHidden();

    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectAccessibleAtEveryWidth(page, 'en log: the shortcuts overlay');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Alt+KeyT');
    await page.getByRole('button', { name: /^Save tally/ }).click();
    await expect(page.getByLabel('Contacts', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectAccessibleAtEveryWidth(page, 'en log: a tally with an error', () => expectSaveBarWhole(page, 'en'));
    await page.getByLabel('Contacts', { exact: true }).fill('9');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('button', { name: /^Undo/ })).toBeVisible();
    await expectAccessibleAtEveryWidth(page, 'en log: saved, with the undo offer', () =>
      expectSaveBarWhole(page, 'en'),
    );

    await openScreen(page, 'en', 'Encounters');
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: participantCode, exact: true }) })
      .getByRole('button', { name: /^Open / })
      .click();
    const detail = page.getByRole('dialog', { name: 'Encounter details' });
    await detail.getByRole('button', { name: 'Correct this encounter' }).click();
    await expect(detail.getByRole('textbox', { name: /Reason for the correction/ })).toBeVisible();
    await expect.poll(() => page.evaluate(drawerSettled)).toBe(true);
    await expectAccessibleAtEveryWidth(page, 'en encounters: correcting an encounter');
    // In the narrow drawer an item's name keeps its width (it once wrapped a letter per line).
    const label = await detail.locator('label', { hasText: 'Fentanyl test strip' }).boundingBox();
    expect(label?.width ?? 0).toBeGreaterThan(120);
    expect(label?.height ?? 0).toBeLessThan(60);
    // Nor does anything in the drawer stick out past its edge.
    const overflow = await detail.evaluate(
      (drawer) =>
        [...drawer.querySelectorAll('*')].filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && box.right > drawer.getBoundingClientRect().right + 1;
        }).length,
    );
    expect(overflow).toBe(0);
  });
});

/**
 * At 1024x768 a worker sees the common items' rows above the Save bar without scrolling: at least
 * six in English, four in Spanish, whose item names and notes run longer.
 */
for (const [language, atLeast] of [
  ['en', 6],
  ['es', 4],
] as const) {
  test(`${language}: at 1024x768, at least ${atLeast} supply rows fit above the Save bar`, async ({
    signedInPage: page,
  }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await useLanguage(page, language);
    await expectLogScreenLoaded(page, language);
    await expectSettled(page);
    const barTop = (await page
      .getByRole('button', { name: languages[language].save })
      .locator('xpath=..')
      .boundingBox())!.y;
    // A row fits when its quantity field and its item's name (the field's label) are both above the bar.
    const bottoms = await page
      .getByRole('group', { name: languages[language].supplies })
      .getByRole('spinbutton')
      .evaluateAll((inputs) =>
        inputs.map((input) =>
          Math.max(
            input.getBoundingClientRect().bottom,
            ...Array.from(
              (input as unknown as { labels: ArrayLike<{ getBoundingClientRect(): { bottom: number } }> | null })
                .labels ?? [],
              (label) => label.getBoundingClientRect().bottom,
            ),
          ),
        ),
      );
    expect(bottoms.length, 'rows on the form').toBeGreaterThan(atLeast);
    expect(bottoms.filter((bottom) => bottom <= barTop).length).toBeGreaterThanOrEqual(atLeast);
  });
}

/**
 * Colours axe never sees on a still page: hover shades, light and subtle variants, and the named
 * colours the screens use only in some states (warnings, errors, the demo banner). Each pair is
 * resolved in the page from the theme's CSS variables, so this checks the theme as shipped.
 */
test("the theme's text and background pairs reach WCAG AA, hover states included", async ({ signedInPage: page }) => {
  const white = 'var(--mantine-color-white)';
  const pairs: [text: string, background: string][] = [
    ['var(--mantine-color-text)', 'var(--mantine-color-body)'],
    ['var(--mantine-color-dimmed)', 'var(--mantine-color-body)'],
    ['var(--mantine-color-dimmed)', 'var(--mantine-color-gray-0)'],
    ['var(--mantine-color-placeholder)', 'var(--mantine-color-body)'],
    ['var(--mantine-color-error)', 'var(--mantine-color-body)'],
    ['var(--mantine-color-anchor)', 'var(--mantine-color-body)'],
    ['var(--mantine-color-default-color)', 'var(--mantine-color-default-hover)'],
  ];
  for (const colour of ['teal', 'red', 'orange', 'yellow', 'green', 'blue', 'gray']) {
    const variable = (name: string) => `var(--mantine-color-${colour}-${name})`;
    pairs.push(
      [white, variable('filled')],
      [white, variable('filled-hover')],
      [variable('light-color'), variable('light')],
      [variable('light-color'), variable('light-hover')],
      [variable('outline'), white],
      [variable('text'), white],
      [variable('9'), white],
    );
  }
  const resolved = (await page.evaluate(`(() => {
    const probe = document.createElement('div');
    document.body.append(probe);
    const colours = ${JSON.stringify(pairs)}.map(([text, background]) => {
      probe.style.color = text;
      probe.style.backgroundColor = background;
      const style = getComputedStyle(probe);
      return [style.color, style.backgroundColor];
    });
    probe.remove();
    return colours;
  })()`)) as [string, string][];
  const failing = pairs
    .map(([text, background], index) => {
      const [textColour, backgroundColour] = resolved[index]!;
      return { text, background, ratio: contrastRatio(textColour, backgroundColour) };
    })
    .filter((pair) => pair.ratio < 4.5)
    .map((pair) => `${pair.text} on ${pair.background}: ${pair.ratio.toFixed(2)}:1`);
  expect(failing, 'colour pairs under 4.5:1').toEqual([]);
});
