import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../contract/events';
import type { OverdueTicket } from '../contract/snapshot';
import { byUrgency, hiddenOverdue } from './overdue-order';

const t = (ticketId: string, category: Category, overdueSeconds: number): OverdueTicket => ({
	ticketId,
	category,
	kind: 'help',
	district: '朝阳区',
	createdAt: '2026-12-01T00:00:00.000Z',
	deadlineAt: '2026-12-01T01:00:00.000Z',
	overdueSeconds
});

describe('byUrgency', () => {
	it('puts the emergency overdue by 10 min before general tickets overdue by hours', () => {
		// As the snapshot sends it: most overdue first, whatever the category (the case:
		// the emergency was 7th).
		const snapshotOrder = [
			t('G1', 'general', 30_000),
			t('G2', 'general', 20_000),
			t('L1', 'livelihood', 9_000),
			t('G3', 'general', 8_000),
			t('L2', 'livelihood', 7_200),
			t('G4', 'general', 3_600),
			t('E1', 'emergency', 600),
			t('E2', 'emergency', 5)
		];
		expect(byUrgency(snapshotOrder).map((x) => x.ticketId)).toEqual([
			'E1',
			'E2',
			'L1',
			'L2',
			'G1',
			'G2',
			'G3',
			'G4'
		]);
	});

	it('breaks ties within a category by ticket id, and leaves its input alone', () => {
		const input = [t('B', 'general', 60), t('A', 'general', 60), t('C', 'emergency', 1)];
		expect(byUrgency(input).map((x) => x.ticketId)).toEqual(['C', 'A', 'B']);
		expect(input.map((x) => x.ticketId)).toEqual(['B', 'A', 'C']);
	});

	const ticket = fc.record({
		ticketId: fc.string({ minLength: 1, maxLength: 4 }),
		category: fc.constantFrom(...CATEGORIES),
		overdueSeconds: fc.nat(100_000)
	});
	it('any permutation of the same tickets gives the same order, categories never mixed', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(ticket, { selector: (x) => x.ticketId, maxLength: 30 }),
				fc.nat(),
				(raw, seed) => {
					const list = raw.map((r) => t(r.ticketId, r.category, r.overdueSeconds));
					const shuffled = [...list].sort(
						(a, b) =>
							((a.ticketId.charCodeAt(0) * 31 + seed) % 7) -
							((b.ticketId.charCodeAt(0) * 31 + seed) % 7)
					);
					const a = byUrgency(list);
					expect(byUrgency(shuffled)).toEqual(a);
					for (let i = 1; i < a.length; i++) {
						const prev = a[i - 1] as OverdueTicket;
						const cur = a[i] as OverdueTicket;
						const rank = CATEGORIES.indexOf(prev.category) - CATEGORIES.indexOf(cur.category);
						expect(rank).toBeLessThanOrEqual(0);
						if (rank === 0) expect(prev.overdueSeconds).toBeGreaterThanOrEqual(cur.overdueSeconds);
					}
				}
			)
		);
	});
});

describe('hiddenOverdue', () => {
	it('counts from the per-category totals, not the capped list', () => {
		// 2 emergencies, 5 livelihood, 60 general overdue; four rows shown: both emergencies and
		// two livelihood.
		const shown = [
			t('E1', 'emergency', 600),
			t('E2', 'emergency', 5),
			t('L1', 'livelihood', 9000),
			t('L2', 'livelihood', 7200)
		];
		expect(hiddenOverdue({ emergency: 2, livelihood: 5, general: 60 }, shown)).toEqual({
			total: 63,
			emergency: 0
		});
	});
	it('names the emergencies left out when there are more than rows', () => {
		const shown = [t('E1', 'emergency', 900), t('E2', 'emergency', 800)];
		expect(hiddenOverdue({ emergency: 5, livelihood: 1, general: 0 }, shown)).toEqual({
			total: 4,
			emergency: 3
		});
	});
	it('shows nothing left out when all are shown or none is overdue', () => {
		expect(hiddenOverdue({ emergency: 0, livelihood: 0, general: 0 }, [])).toEqual({
			total: 0,
			emergency: 0
		});
	});
});
