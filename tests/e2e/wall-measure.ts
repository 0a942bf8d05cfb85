/** Measurements of the wall page shared by its browser tests. */
import type { Page } from '@playwright/test';

/** Elements outside the screen or their tile, or cut by their own box. */
export function findClipped(page: Page) {
	return page.evaluate(() => {
		const bad: string[] = [];
		const vw = window.innerWidth;
		const vh = window.innerHeight;
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 30)}"`;
		for (const el of document.querySelectorAll('[data-testid="wall"] *')) {
			if (el.closest('defs')) continue;
			const r = el.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) continue;
			if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
				bad.push(`off screen: ${name(el)}`);
			}
			const tile = el.parentElement?.closest('[data-testid^="tile-"]');
			if (tile) {
				const t = tile.getBoundingClientRect();
				if (
					r.left < t.left - 0.5 ||
					r.right > t.right + 0.5 ||
					r.top < t.top - 0.5 ||
					r.bottom > t.bottom + 0.5
				) {
					bad.push(`outside its tile: ${name(el)}`);
				}
			}
			if (el instanceof HTMLElement) {
				const cs = getComputedStyle(el);
				const cutsX = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
				if (cutsX && el.scrollWidth > el.clientWidth + 1) bad.push(`cut across: ${name(el)}`);
				if (cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1) {
					bad.push(`cut down: ${name(el)}`);
				}
			}
		}
		return bad;
	});
}
