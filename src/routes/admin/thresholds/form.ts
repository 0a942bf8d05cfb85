/**
 * The thresholds editor's form ⇄ the thresholds document. Pure (no I/O), shared by the page
 * (field names, the values it shows) and its action (reading what was typed). Rates are typed
 * as percentages (90 → 0.9), seconds and counts as they are. Errors name the field and a
 * message code of the catalogues (`thresholdsEditor.errors.<code>`).
 *
 * Fields: `m.<metric>.good`, `m.<metric>.warn` for the hall; per queue row `i`:
 * `q.<i>.name` and `q.<i>.<metric>.good|warn`. A queue row with every band empty is dropped
 * (the queue uses the hall's bands); a band needs both numbers or neither.
 */
import {
	QUEUE_THRESHOLD_METRICS,
	THRESHOLD_METRICS,
	type Band,
	type QueueThresholdMetric,
	type ThresholdMetric,
	type Thresholds,
	type ThresholdsInput
} from '$lib/contract/thresholds';

export const METRICS = Object.keys(THRESHOLD_METRICS) as ThresholdMetric[];
/** At most this many queue rows are read from one form. */
export const MAX_QUEUE_ROWS = 200;
const QUEUE_NAME_MAX = 128;
const VALUE_MAX = 1e9;

export type FieldError = { field: string; code: string; params?: Record<string, string | number> };
export type FormValues = Record<string, string>;

export type FormResult =
	{ ok: true; input: ThresholdsInput } | { ok: false; errors: FieldError[]; values: FormValues };

const isFraction = (m: ThresholdMetric) => THRESHOLD_METRICS[m].unit === 'fraction';

/** 0.9 → "90" for a rate, 15 → "15" otherwise. */
export function shown(metric: ThresholdMetric, value: number): string {
	return isFraction(metric) ? String(Number((value * 100).toFixed(4))) : String(value);
}

/** The form's values for the bands in force (and one row per queue override). */
export function valuesOf(thresholds: Thresholds): { values: FormValues; queues: string[] } {
	const values: FormValues = {};
	for (const m of METRICS) {
		values[`m.${m}.good`] = shown(m, thresholds.metrics[m].good);
		values[`m.${m}.warn`] = shown(m, thresholds.metrics[m].warn);
	}
	const queues = Object.keys(thresholds.byQueue).sort();
	queues.forEach((queue, i) => {
		values[`q.${i}.name`] = queue;
		for (const m of QUEUE_THRESHOLD_METRICS) {
			const band = thresholds.byQueue[queue]?.[m];
			values[`q.${i}.${m}.good`] = band ? shown(m, band.good) : '';
			values[`q.${i}.${m}.warn`] = band ? shown(m, band.warn) : '';
		}
	});
	return { values, queues };
}

function readBand(
	values: FormValues,
	prefix: string,
	metric: ThresholdMetric,
	required: boolean,
	errors: FieldError[]
): Band | undefined {
	const raw = { good: values[`${prefix}.good`] ?? '', warn: values[`${prefix}.warn`] ?? '' };
	if (!required && raw.good.trim() === '' && raw.warn.trim() === '') return undefined;
	const band: Partial<Band> = {};
	let bad = false;
	for (const key of ['good', 'warn'] as const) {
		const field = `${prefix}.${key}`;
		const text = raw[key].trim().replace(',', '.').replace(/%$/, '');
		if (text === '') {
			errors.push({ field, code: 'required' });
			bad = true;
			continue;
		}
		const n = Number(text);
		if (!Number.isFinite(n)) {
			errors.push({ field, code: 'number' });
			bad = true;
			continue;
		}
		if (isFraction(metric) && (n < 0 || n > 100)) {
			errors.push({ field, code: 'percentRange' });
			bad = true;
			continue;
		}
		if (!isFraction(metric) && (n < 0 || n > VALUE_MAX)) {
			errors.push({ field, code: 'range', params: { max: VALUE_MAX } });
			bad = true;
			continue;
		}
		if (THRESHOLD_METRICS[metric].unit === 'count' && !Number.isInteger(n)) {
			errors.push({ field, code: 'whole' });
			bad = true;
			continue;
		}
		band[key] = isFraction(metric) ? Number((n / 100).toFixed(6)) : n;
	}
	if (bad || band.good === undefined || band.warn === undefined) return undefined;
	const higher = THRESHOLD_METRICS[metric].direction === 'higher';
	if (higher ? band.warn > band.good : band.warn < band.good) {
		errors.push({
			field: `${prefix}.warn`,
			code: higher ? 'warnAboveGood' : 'warnBelowGood'
		});
		return undefined;
	}
	return { good: band.good, warn: band.warn };
}

/** What was typed → the PUT document, or every problem by field. */
export function readForm(values: FormValues): FormResult {
	const errors: FieldError[] = [];
	const metrics: Partial<Record<ThresholdMetric, Band>> = {};
	for (const m of METRICS) {
		const band = readBand(values, `m.${m}`, m, true, errors);
		if (band) metrics[m] = band;
	}
	const byQueue: Record<string, Partial<Record<QueueThresholdMetric, Band>>> = {};
	for (let i = 0; i < MAX_QUEUE_ROWS; i++) {
		if (!(`q.${i}.name` in values)) continue;
		const name = (values[`q.${i}.name`] ?? '').trim();
		const own: Partial<Record<QueueThresholdMetric, Band>> = {};
		for (const m of QUEUE_THRESHOLD_METRICS) {
			const band = readBand(values, `q.${i}.${m}`, m, false, errors);
			if (band) own[m] = band;
		}
		const anyTyped = QUEUE_THRESHOLD_METRICS.some(
			(m) =>
				(values[`q.${i}.${m}.good`] ?? '').trim() !== '' ||
				(values[`q.${i}.${m}.warn`] ?? '').trim() !== ''
		);
		if (!anyTyped) continue;
		if (name === '' || name.length > QUEUE_NAME_MAX || name.includes('\u0000')) {
			errors.push({ field: `q.${i}.name`, code: 'queueName', params: { max: QUEUE_NAME_MAX } });
			continue;
		}
		if (Object.hasOwn(byQueue, name)) {
			errors.push({ field: `q.${i}.name`, code: 'queueTwice', params: { queue: name } });
			continue;
		}
		Object.defineProperty(byQueue, name, { value: own, enumerable: true, writable: true });
	}
	if (errors.length > 0) return { ok: false, errors, values };
	return { ok: true, input: { metrics, byQueue } };
}

/** A FormData's text fields as values (files ignored; names and values cut). */
export function formValues(form: FormData): FormValues {
	const values: FormValues = {};
	for (const [k, v] of form.entries()) {
		if (typeof v === 'string' && /^[mq]\./.test(k) && k.length <= 80) values[k] = v.slice(0, 200);
	}
	return values;
}
