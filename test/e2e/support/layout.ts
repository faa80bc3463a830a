// Layout checks in the browser: how far a page reaches past the viewport's right edge.
import type { Page } from 'playwright-core';

export const WIDTHS = { phone: 390, tablet: 768, laptop: 1024, desktop: 1440 } as const;

export async function setWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
}

/** The document's scroll width and the viewport's width, in CSS pixels. */
export function pageWidths(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}
