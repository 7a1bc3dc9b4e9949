// Layout faults a reader sees, found in the browser for every section of a page, whatever it holds:
// two boxes drawn over each other, text that does not fit its box, a table row split over lines.
// Generic on purpose, so a panel added later is checked without a line of test for it.
import type { Page } from '@playwright/test';

export type LayoutFault = { section: string; fault: string };

/** Every fault in `main`'s sections (landmarks with a heading) at the page's current width. */
export function layoutFaults(page: Page): Promise<LayoutFault[]> {
  return page.evaluate(() => {
    const faults: { section: string; fault: string }[] = [];
    const name = (e: Element) => {
      const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${e.tagName.toLowerCase()}> "${text}"`;
    };
    const shown = (e: Element) => {
      const box = e.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(e).visibility !== 'hidden';
    };
    // A focusable box that scrolls sideways on purpose (the wide tables' own scroll): its content
    // may run past its edge, and a cell inside may be clipped by it, never by anything else.
    const scrolls = (e: Element) => e.getAttribute('tabindex') === '0' && getComputedStyle(e).overflowX === 'auto';
    const GAP = 1; // px: neighbours that merely touch, or subpixel rounding, are not an overlap

    for (const section of document.querySelectorAll('main section[aria-labelledby]')) {
      const title = document.getElementById(section.getAttribute('aria-labelledby')!)?.textContent ?? '?';
      const add = (fault: string) => faults.push({ section: title, fault });
      for (const e of section.querySelectorAll('*')) {
        if (e.closest('svg') !== null && e.tagName.toLowerCase() !== 'svg') continue; // a chart's own shapes
        if (!shown(e)) continue;
        const style = getComputedStyle(e);
        // Clipped: wider content than the box, unless the box is meant to scroll. Inline boxes have no width of their own.
        if (!style.display.startsWith('inline') && !scrolls(e) && e.scrollWidth > e.clientWidth + GAP && e.clientWidth > 0) {
          add(`${name(e)} clips its text: ${e.scrollWidth}px of content in ${e.clientWidth}px`);
        }
        // Overlap: any two visible element children of one parent drawn over each other.
        const kids = e.tagName.toLowerCase() === 'svg' ? [] : [...e.children].filter((k) => shown(k) && getComputedStyle(k).position !== 'absolute');
        const boxes = kids.map((k) => k.getBoundingClientRect());
        for (let i = 0; i < kids.length; i++) {
          for (let j = i + 1; j < kids.length; j++) {
            const a = boxes[i];
            const b = boxes[j];
            const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (x > GAP && y > GAP) add(`${name(kids[i])} and ${name(kids[j])} overlap by ${Math.round(x)}x${Math.round(y)}px`);
          }
        }
        // A table row reads across: its cells side by side on one line, the row's own height.
        if (e.tagName === 'TR') {
          const row = e.getBoundingClientRect();
          for (const cell of e.children) {
            const box = cell.getBoundingClientRect();
            if (box.top < row.top - GAP || box.bottom > row.bottom + GAP) add(`${name(cell)} sits outside its row ${name(e)}`);
          }
        }
        // Nothing sticks out of the section sideways, except inside a box that scrolls.
        let inScroll = false;
        for (let p = e.parentElement; p && p !== section; p = p.parentElement) if (scrolls(p)) inScroll = true;
        const box = e.getBoundingClientRect();
        const edge = section.getBoundingClientRect();
        if (!inScroll && (box.left < edge.left - GAP || box.right > edge.right + GAP)) add(`${name(e)} runs past the section's edge`);
      }
    }
    return faults;
  });
}
