/**
 * The district map's geometry (d3-geo computes, Svelte renders): a Mercator projection fitted to
 * the city, one path and label point per district, and an enlarged inset for the central
 * districts too small to label at 10 m (东城, 西城 in Beijing), which the main map marks with a
 * frame instead of labels. Colours: a sequential viridis scale (colour-blind safe) over the counts.
 */
import {
	geoMercator,
	geoPath,
	interpolateViridis,
	scaleSequentialSqrt,
	type GeoPermissibleObjects
} from 'd3';

export type DistrictFeature = {
	type: 'Feature';
	properties: { name: string; adcode?: string; cp?: [number, number] };
	geometry: GeoPermissibleObjects;
};
export type DistrictCollection = { type: 'FeatureCollection'; features: DistrictFeature[] };

/** Districts drawn in the inset, when the collection has them. */
export const INSET_DISTRICTS = ['东城区', '西城区'];

export type Box = { x: number; y: number; width: number; height: number };
export type DrawnDistrict = {
	name: string;
	d: string;
	/** label point: the centroid (`cp` in the package's file sits at 门头沟's east edge) */
	x: number;
	y: number;
};
export type MapLayout = {
	main: DrawnDistrict[];
	/** the inset's districts (all drawn, clipped to `inset`), empty when there is no inset */
	inset: DrawnDistrict[];
	insetNames: string[];
	/** where the inset sits, and the frame on the main map it enlarges */
	insetBox: Box | null;
	insetFrame: Box | null;
};

function drawn(
	features: readonly DistrictFeature[],
	projection: ReturnType<typeof geoMercator>
): DrawnDistrict[] {
	const path = geoPath(projection);
	return features.map((f) => {
		const [x, y] = path.centroid(f as never);
		return { name: f.properties.name, d: path(f as never) ?? '', x, y };
	});
}

/** The main map in `mapBox`, the inset in `insetBox` (null: none). */
export function layoutMap(geo: DistrictCollection, mapBox: Box, insetBox: Box | null): MapLayout {
	const fit = (box: Box, object: GeoPermissibleObjects) =>
		geoMercator().fitExtent(
			[
				[box.x, box.y],
				[box.x + box.width, box.y + box.height]
			],
			object
		);
	const main = fit(mapBox, geo as never);
	const central = geo.features.filter((f) => INSET_DISTRICTS.includes(f.properties.name));
	if (insetBox === null || central.length === 0) {
		return {
			main: drawn(geo.features, main),
			inset: [],
			insetNames: [],
			insetBox: null,
			insetFrame: null
		};
	}
	const centralCollection = { type: 'FeatureCollection', features: central } as never;
	const pad = Math.min(insetBox.width, insetBox.height) * 0.08;
	const insetProjection = fit(
		{
			x: insetBox.x + pad,
			y: insetBox.y + pad,
			width: insetBox.width - 2 * pad,
			height: insetBox.height - 2 * pad
		},
		centralCollection
	);
	const [[x0, y0], [x1, y1]] = geoPath(main).bounds(centralCollection);
	return {
		main: drawn(geo.features, main),
		inset: drawn(geo.features, insetProjection),
		insetNames: central.map((f) => f.properties.name),
		insetBox,
		insetFrame: { x: x0 - 3, y: y0 - 3, width: x1 - x0 + 6, height: y1 - y0 + 6 }
	};
}

/** The fill scale over [0, max] (at least 1, so all zeros are the darkest colour). */
export function colourScale(max: number): (n: number) => string {
	const scale = scaleSequentialSqrt(interpolateViridis).domain([0, Math.max(1, max)]);
	return (n) => scale(n);
}

/** Black or white text on `fill` (an `rgb(…)` or `#rrggbb` colour), whichever reads better. */
export function textOn(fill: string): string {
	const m = fill.startsWith('#')
		? [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16))
		: (fill.match(/\d+/g) ?? []).slice(0, 3).map(Number);
	const [r = 0, g = 0, b = 0] = m.map((v) => {
		const c = v / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.22 ? '#000' : '#fff';
}

export type LabelBox = { x: number; y: number; width: number; height: number };
export type PlacedLabel = { x: number; y: number; moved: boolean };

/**
 * Moves overlapping labels apart (boxes centred on their points), a few pixels at a time along
 * the axis of least overlap, kept inside `bounds`; `moved` labels get a leader line to their
 * district. Deterministic: the same boxes give the same places.
 */
export function placeLabels(
	boxes: readonly LabelBox[],
	bounds: Box,
	iterations = 120
): PlacedLabel[] {
	const p = boxes.map((b) => ({ x: b.x, y: b.y }));
	const clamp = (i: number) => {
		const b = boxes[i] as LabelBox;
		const q = p[i] as { x: number; y: number };
		q.x = Math.min(Math.max(q.x, bounds.x + b.width / 2), bounds.x + bounds.width - b.width / 2);
		q.y = Math.min(Math.max(q.y, bounds.y + b.height / 2), bounds.y + bounds.height - b.height / 2);
	};
	boxes.forEach((_, i) => clamp(i));
	for (let it = 0; it < iterations; it++) {
		let moved = false;
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i] as LabelBox;
				const b = boxes[j] as LabelBox;
				const pa = p[i] as { x: number; y: number };
				const pb = p[j] as { x: number; y: number };
				const ox = (a.width + b.width) / 2 - Math.abs(pa.x - pb.x);
				const oy = (a.height + b.height) / 2 - Math.abs(pa.y - pb.y);
				if (ox <= 0 || oy <= 0) continue;
				moved = true;
				if (oy <= ox) {
					const s = pa.y <= pb.y ? 1 : -1;
					pa.y -= (s * oy) / 2 + s;
					pb.y += (s * oy) / 2 + s;
				} else {
					const s = pa.x <= pb.x ? 1 : -1;
					pa.x -= (s * ox) / 2 + s;
					pb.x += (s * ox) / 2 + s;
				}
				clamp(i);
				clamp(j);
			}
		}
		if (!moved) break;
	}
	return p.map((q, i) => {
		const b = boxes[i] as LabelBox;
		return { ...q, moved: Math.hypot(q.x - b.x, q.y - b.y) > b.height * 0.45 };
	});
}
