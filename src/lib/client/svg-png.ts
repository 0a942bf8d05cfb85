/**
 * A chart's SVG as a PNG file: the SVG is cloned with every element's computed paint and font
 * written inline (CSS classes and custom properties do not travel with a standalone SVG image),
 * drawn on a canvas at `scale`× and encoded. Browser-only.
 */

/** The properties that decide how an SVG element looks. */
const PROPERTIES = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-linecap',
	'stroke-linejoin',
	'stroke-opacity',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-variant-numeric',
	'text-anchor',
	'dominant-baseline',
	'visibility',
	'display'
] as const;

/** A standalone copy of `svg`, styles inline, with `width`/`height` set. */
export function standaloneSvg(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const originals = [svg, ...svg.querySelectorAll('*')];
	const copies = [clone, ...clone.querySelectorAll('*')];
	originals.forEach((el, i) => {
		const copy = copies[i] as SVGElement | undefined;
		if (!copy) return;
		const cs = getComputedStyle(el);
		const style = PROPERTIES.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
		copy.setAttribute('style', style);
		copy.removeAttribute('class');
	});
	// Interaction-only parts have no place in a picture.
	for (const el of clone.querySelectorAll('.hit, .cursor, .dot')) el.remove();
	const { width, height } = svg.getBoundingClientRect();
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(Math.round(width)));
	clone.setAttribute('height', String(Math.round(height)));
	return new XMLSerializer().serializeToString(clone);
}

function loadImage(src: string): Promise<HTMLImageElement> {
	return new Promise((resolve, reject) => {
		const img = new Image();
		img.onload = () => resolve(img);
		img.onerror = () => reject(new Error('the browser could not draw the chart as an image'));
		img.src = src;
	});
}

/** The chart as PNG bytes at `scale`× its on-screen size. */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
	const text = standaloneSvg(svg);
	const { width, height } = svg.getBoundingClientRect();
	if (width < 1 || height < 1) throw new Error('the chart is not on screen');
	const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = await loadImage(url);
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('this browser has no 2D canvas');
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(blob) => (blob ? resolve(blob) : reject(new Error('the PNG encoder returned nothing'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Saves `blob` as `filename` through a temporary link (the browser's download). */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Give the download a moment to start before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
