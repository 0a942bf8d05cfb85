/** The district map's geometry: label placement, text colour, the bundled Beijing file. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutMap, placeLabels, textOn, type DistrictCollection } from './district-map';

describe('placeLabels', () => {
	const bounds = { x: 0, y: 0, width: 1000, height: 1000 };
	it('leaves labels that do not overlap where they are', () => {
		const boxes = [
			{ x: 100, y: 100, width: 50, height: 20 },
			{ x: 300, y: 100, width: 50, height: 20 }
		];
		expect(placeLabels(boxes, bounds)).toEqual([
			{ x: 100, y: 100, moved: false },
			{ x: 300, y: 100, moved: false }
		]);
	});
	it('moves two labels on one point apart vertically until they no longer overlap', () => {
		const placed = placeLabels(
			[
				{ x: 500, y: 500, width: 80, height: 40 },
				{ x: 500, y: 500, width: 80, height: 40 }
			],
			bounds
		);
		expect(Math.abs((placed[0]?.y ?? 0) - (placed[1]?.y ?? 0))).toBeGreaterThanOrEqual(40);
		expect(placed.every((p) => p.moved)).toBe(true);
	});
	it('keeps labels inside the bounds', () => {
		const [p] = placeLabels([{ x: 5, y: 995, width: 40, height: 20 }], bounds);
		// Moved 15.8 px, more than 0.45 of its height: it gets a leader line.
		expect(p).toEqual({ x: 20, y: 990, moved: true });
	});
});

describe('textOn', () => {
	it('black on viridis yellow, white on viridis purple', () => {
		expect(textOn('#fde725')).toBe('#000');
		expect(textOn('rgb(68, 1, 84)')).toBe('#fff');
	});
});

describe('the bundled Beijing districts', () => {
	const geo = JSON.parse(
		readFileSync(new URL('../../../static/geo/beijing.geojson', import.meta.url), 'utf8')
	) as DistrictCollection;
	it('has the 16 districts with their codes, 东城 and 西城 in the inset', () => {
		expect(geo.features.map((f) => f.properties.adcode).sort()).toHaveLength(16);
		const layout = layoutMap(
			geo,
			{ x: 0, y: 0, width: 600, height: 600 },
			{ x: 620, y: 200, width: 300, height: 400 }
		);
		expect(layout.main).toHaveLength(16);
		expect(layout.insetNames).toEqual(['东城区', '西城区']);
		// Every district projects inside the map box (the rings wind the way d3 reads them).
		for (const d of layout.main) {
			expect(d.x).toBeGreaterThan(0);
			expect(d.x).toBeLessThan(600);
			expect(d.y).toBeGreaterThan(0);
			expect(d.y).toBeLessThan(600);
		}
	});
});
