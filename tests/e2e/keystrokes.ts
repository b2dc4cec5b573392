/**
 * Every key press and click of a budgeted flow goes through here, and is counted: a chord such as
 * Ctrl+Enter counts once, typed text one per character. Answers to the code questions are typed
 * through `answer`, which the budget does not count (they are the participant's words, not work).
 */
import type { Locator, Page } from '@playwright/test';

export class KeystrokeCounter {
  private counted = 0;
  private answered = 0;
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  /** Actions counted against the budget. */
  get count(): number {
    return this.counted;
  }

  /** Characters of answers, not counted. */
  get answerCharacters(): number {
    return this.answered;
  }

  /** One key or chord, e.g. `Tab`, `Enter`, `Control+Enter`, `Alt+KeyL`. */
  async press(key: string): Promise<void> {
    this.counted += 1;
    this.log.push(key);
    await this.page.keyboard.press(key);
  }

  /** Typed text: one per character. */
  async type(text: string): Promise<void> {
    this.counted += text.length;
    this.log.push(`"${text}"`);
    await this.page.keyboard.type(text);
  }

  /** A code question's answer: typed, but outside the budget. */
  async answer(text: string): Promise<void> {
    this.answered += text.length;
    this.log.push(`answer "${text}"`);
    await this.page.keyboard.type(text);
  }

  async click(target: Locator): Promise<void> {
    this.counted += 1;
    this.log.push('click');
    await target.click();
  }
}
