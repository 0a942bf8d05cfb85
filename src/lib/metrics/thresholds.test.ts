import { describe, expect, it } from 'vitest';
import { parseThresholds } from '../contract/thresholds';
import { DEFAULT_THRESHOLDS, classify, resolveThresholds, thresholdFor } from './thresholds';

const d = DEFAULT_THRESHOLDS;

describe('classify with the default bands', () => {
	it.each([
		['serviceLevelToday', 0.95, 'good'],
		['serviceLevelToday', 0.9, 'good'],
		['serviceLevelToday', 0.8999, 'warn'],
		['serviceLevelToday', 0.8, 'warn'],
		['serviceLevelToday', 0.7999, 'bad'],
		['answerRate24h', 0.95, 'good'],
		['answerRate24h', 0.94, 'warn'],
		['answerRate24h', 0.9, 'warn'],
		['answerRate24h', 0.89, 'bad'],
		['longestWaitSeconds', 0, 'good'],
		['longestWaitSeconds', 15, 'good'],
		['longestWaitSeconds', 16, 'warn'],
		['longestWaitSeconds', 60, 'warn'],
		['longestWaitSeconds', 61, 'bad'],
		['overdueEmergency', 0, 'good'],
		['overdueEmergency', 1, 'bad'],
		['overdueLivelihood', 3, 'warn'],
		['overdueLivelihood', 4, 'bad'],
		['overdueGeneral', 10, 'warn']
	] as const)('%s = %f is %s', (metric, value, level) => {
		expect(classify(value, thresholdFor(d, metric))).toBe(level);
	});

	it('a missing rate has no level', () => {
		expect(classify(null, thresholdFor(d, 'serviceLevelToday'))).toBeNull();
		expect(classify(undefined, thresholdFor(d, 'answerRate24h'))).toBeNull();
	});
});

describe('per-queue overrides', () => {
	const t = resolveThresholds({
		metrics: { serviceLevelToday: { good: 0.85, warn: 0.7 } },
		byQueue: { elderly: { longestWaitSeconds: { good: 10, warn: 30 } } }
	});

	it('a queue with its own band uses it; other figures fall back to the hall', () => {
		expect(classify(20, thresholdFor(t, 'longestWaitSeconds', 'elderly'))).toBe('warn');
		expect(classify(20, thresholdFor(t, 'longestWaitSeconds', 'general'))).toBe('warn');
		expect(classify(12, thresholdFor(t, 'longestWaitSeconds', 'elderly'))).toBe('warn');
		expect(classify(12, thresholdFor(t, 'longestWaitSeconds', 'general'))).toBe('good');
		expect(classify(0.86, thresholdFor(t, 'serviceLevelToday', 'elderly'))).toBe('good');
	});

	it('figures left out keep their defaults', () => {
		expect(t.metrics.answerRate24h).toStrictEqual(d.metrics.answerRate24h);
		expect(resolveThresholds(undefined)).toStrictEqual(d);
	});

	it('a queue named like an Object.prototype member is just a queue', () => {
		const p = resolveThresholds(
			JSON.parse('{"byQueue":{"__proto__":{"longestWaitSeconds":{"good":1,"warn":2}}}}')
		);
		expect(thresholdFor(p, 'longestWaitSeconds', '__proto__').warn).toBe(2);
		expect(thresholdFor(p, 'longestWaitSeconds', 'constructor').warn).toBe(60);
	});
});

describe('parseThresholds', () => {
	it('accepts an empty document and a partial one', () => {
		expect(parseThresholds({})).toStrictEqual({ ok: true, value: {} });
		expect(parseThresholds({ metrics: { answerRate24h: { good: 0.97, warn: 0.93 } } }).ok).toBe(
			true
		);
	});

	it.each([
		[[], '(body): Invalid input: expected object, received array'],
		[{ metrics: { answerRate24h: { good: 95, warn: 90 } } }, 'metrics.answerRate24h.good:'],
		[{ metrics: { serviceLevelToday: { good: 0.8, warn: 0.9 } } }, 'warn must be <= good'],
		[{ metrics: { longestWaitSeconds: { good: 60, warn: 15 } } }, 'warn must be >= good'],
		[{ metrics: { longestWaitSeconds: { good: -1, warn: 15 } } }, 'must be >= 0'],
		[{ metrics: { nope: { good: 1, warn: 1 } } }, 'Unrecognized key'],
		[{ byQueue: { q: { overdueEmergency: { good: 0, warn: 0 } } } }, 'Unrecognized key'],
		[
			{ byQueue: { q: { longestWaitSeconds: { good: '15', warn: 60 } } } },
			'byQueue.q.longestWaitSeconds.good:'
		]
	])('rejects %j naming the field', (raw, message) => {
		const r = parseThresholds(raw);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.join('\n')).toContain(message);
	});
});
