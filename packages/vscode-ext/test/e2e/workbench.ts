// Driving the VS Code workbench in headless Chromium as a user would: keyboard shortcuts, the
// command palette, Quick Open, and reading what is on screen. Every wait is on a DOM signal.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Long enough for a cold extension host on a busy 2-core CI machine; never a sleep, only a cap. */
export const UI_TIMEOUT = 60_000;
/** How long a step waits for the workbench to react to a key before pressing it again. */
const RETRY_MS = 5_000;

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  static async open(chromiumPath: string, url: string, artifacts: string): Promise<Workbench> {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      // The machine's network is closed: without the background-networking flags Chromium keeps
      // trying Google's services at every start.
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const wb = new Workbench(browser, page, artifacts);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT });
    return wb;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(this.artifacts, { recursive: true });
    const path = join(this.artifacts, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Opens a quick input with its shortcut and types `prefix`. A busy workbench may drop the key (pressed
   * while the previous quick input was still closing, or while focus moved), or reset the input as it
   * opens: the shortcut is pressed again until the input shows, and the text is typed until it stays.
   */
  private async openQuickInput(key: string, prefix: string): Promise<void> {
    const input = this.quickInput.locator('input').first();
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      await this.escapeAll();
      await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      await this.page.keyboard.press(key);
      const opened = await input.waitFor({ state: 'visible', timeout: RETRY_MS }).then(
        () => true,
        () => false,
      );
      if (opened) {
        await input.fill(prefix);
        if ((await input.inputValue()) === prefix) return;
      }
      if (Date.now() > deadline) throw new Error(`the quick input did not open with ${key} (or did not keep "${prefix}")`);
    }
  }

  /** Closes quick inputs, widgets and notifications' focus so the next shortcut goes to the workbench. */
  async escapeAll(): Promise<void> {
    for (let i = 0; i < 2 && (await this.quickInput.isVisible()); i++) await this.page.keyboard.press('Escape');
  }

  /** Palette rows currently listed for a query (their accessible labels). */
  async commandsMatching(query: string): Promise<string[]> {
    await this.openQuickInput('F1', `>${query}`);
    const rows = this.quickInput.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** Runs a command through the palette by its exact title (as shown, e.g. "Flokoa: Watch Rollout"). */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput('F1', `>${title}`);
    const row = this.quickInput
      .locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) })
      .first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await row.click();
  }

  /** Opens a workspace file at line:column (1-based) with Quick Open, and waits for its editor. */
  async openFile(relPath: string, line?: number, column?: number): Promise<void> {
    const base = relPath.split('/').pop() ?? relPath;
    await this.openQuickInput('Control+P', line ? `${relPath}:${line}:${column ?? 1}` : relPath);
    // The list updates after typing: wait until the highlighted row is this file, not a recent one.
    const row = this.quickInput.locator('.monaco-list-row.focused', { hasText: base }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await this.activeTab(base).waitFor({ timeout: UI_TIMEOUT });
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
  }

  /** The active editor tab, when it shows `name`. */
  activeTab(name: string): Locator {
    return this.page.locator('.tabs-container .tab.active', { hasText: name });
  }

  /** Sets the cursor in the active editor with "Go to Line/Column". */
  async goTo(line: number, column: number): Promise<void> {
    await this.openQuickInput('Control+G', `:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Rows of the Problems panel (accessible labels: severity, message, position, source, code). */
  async problems(): Promise<Locator> {
    await this.runCommand('Problems: Focus on Problems View');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: UI_TIMEOUT });
    return panel.locator('.monaco-list-row');
  }

  /** Shows the hover at the cursor and returns its widget. */
  async hover(): Promise<Locator> {
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
    await hover.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    return hover;
  }

  /** Triggers suggestions at the cursor and returns the list's rows. */
  async completions(): Promise<Locator> {
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    return rows;
  }

  /** Opens the quick fixes at the cursor (again, if a busy workbench dropped the key) and returns their rows. */
  async quickFixes(): Promise<Locator> {
    const rows = this.page.locator('.action-widget .monaco-list-row');
    const deadline = Date.now() + UI_TIMEOUT;
    // Ctrl+. in an open list accepts its focused fix: press it only while no list shows.
    while (!(await rows.first().isVisible())) {
      if (Date.now() > deadline) throw new Error('the quick fixes did not open with Ctrl+.');
      await this.page.keyboard.press('Control+.');
      await rows
        .first()
        .waitFor({ state: 'visible', timeout: RETRY_MS })
        .catch(() => undefined);
    }
    return rows;
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast, .notifications-center .notification-list-item').filter({ hasText: text }).first();
  }

  /** The button of the modal dialog (confirmations). */
  dialogButton(label: string): Locator {
    return this.page.locator('.monaco-dialog-box').getByRole('button', { name: label, exact: true });
  }

  /** The first row of the open quick pick whose label matches. */
  pickRow(label: string | RegExp): Locator {
    return this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
  }

  async typeInQuickInput(text: string): Promise<void> {
    const input = this.quickInput.locator('input').first();
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(text);
  }

  get quickInputMessage(): Locator {
    return this.quickInput.locator('.quick-input-message');
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
