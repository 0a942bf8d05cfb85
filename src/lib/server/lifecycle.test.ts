import { describe, expect, it } from 'vitest';
import { createLifecycle } from './lifecycle';

describe('lifecycle', () => {
	it('closes what a failed start opened, newest first, and rethrows', async () => {
		const closed: string[] = [];
		const life = createLifecycle();
		const failure = new Error('thresholds unreadable');
		await expect(
			life.start(async () => {
				life.own('database', { close: () => void closed.push('database') });
				life.defer('timer', () => void closed.push('timer'));
				life.own('redis', { close: async () => void closed.push('redis') });
				throw failure;
			})
		).rejects.toBe(failure);
		expect(closed).toEqual(['redis', 'timer', 'database']);
		expect(life.open).toEqual([]);
	});

	it('a close that fails is logged and the rest still close', async () => {
		const closed: string[] = [];
		const warnings: unknown[] = [];
		const life = createLifecycle({ warn: (o) => void warnings.push(o) });
		life.defer('first', () => void closed.push('first'));
		life.defer('broken', () => {
			throw new Error('socket already gone');
		});
		life.defer('last', () => void closed.push('last'));
		await life.close();
		expect(closed).toEqual(['last', 'first']);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ resource: 'broken' });
	});

	it('close is idempotent and refuses to open anything afterwards', async () => {
		let closes = 0;
		const life = createLifecycle();
		life.defer('once', () => void closes++);
		await Promise.all([life.close(), life.close()]);
		await life.close();
		expect(closes).toBe(1);
		expect(() => life.defer('late', () => {})).toThrow(/cannot open late: shutting down/);
	});

	it('a successful start keeps everything open until close', async () => {
		const life = createLifecycle();
		const value = await life.start(async () => {
			life.defer('a', () => {});
			life.defer('b', () => {});
			return 42;
		});
		expect(value).toBe(42);
		expect(life.open).toEqual(['a', 'b']);
	});
});
