/**
 * The built pane served to one Chromium context for a test file's tests (registered with beforeAll and
 * afterAll), and the page helpers the kept-list tests share: open a page and wait until the pane is idle,
 * the listed files' names, the drop zone, the pane's messages.
 */
import { rm } from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { builtPane, launchChromium, serveStatic, watchedContext, type Served, type Watch } from "./pane-harness";

export interface PanePages {
  readonly watch: Watch;
  /** A new page of the pane, once it is idle. */
  open(): Promise<Page>;
  idle(page: Page): Promise<void>;
  names(page: Page): Promise<Array<string | null>>;
  dropZone(page: Page): Locator;
  /** The pane's messages as drawn ("" when none). */
  messages(page: Page): Promise<string>;
}

export function servedPanePages(work = 90_000): PanePages {
  const watch: Watch = { offsite: [], pageErrors: [], consoleErrors: [], refusedByPolicy: [] };
  let served: Served | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let builtDir = "";

  beforeAll(async () => {
    const built = await builtPane();
    builtDir = built.dir;
    served = await serveStatic(built.dir);
    browser = await launchChromium();
    context = await watchedContext(browser, watch);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (builtDir && !process.env.PANE_DIR) await rm(builtDir, { recursive: true, force: true });
  });

  const idle = async (page: Page): Promise<void> => {
    await expect.poll(() => page.getByTestId("pane").getAttribute("data-busy"), { timeout: work, interval: 200 }).toBe("false");
  };
  return {
    watch,
    idle,
    async open() {
      if (!context || !served) throw new Error("the pane is not served yet");
      const page = await context.newPage();
      await page.goto(served.url);
      await idle(page);
      return page;
    },
    names: (page) => page.getByTestId("file-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-file"))),
    dropZone: (page) => page.getByRole("button", { name: /Kéo thả tệp vào đây hoặc Chọn tệp|Drag files here or Choose files/u }),
    async messages(page) {
      const list = page.getByTestId("errors");
      return (await list.count()) > 0 ? list.innerText() : "";
    },
  };
}
