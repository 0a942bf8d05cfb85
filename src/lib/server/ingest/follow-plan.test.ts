/** The follower's decisions on hand-made file states: resume, rotation by inode, truncation, partial lines. */
import { describe, expect, it } from 'vitest';
import {
	atEndOfFile,
	completeLength,
	resumePlan,
	verifiedOffset,
	type Position
} from './follow-plan';

const saved: Position = {
	device: '2049',
	inode: '100',
	offset: 500,
	tailSha256: 'h',
	tailLength: 40
};
const file = (name: string, inode: string, size: number) => ({ device: '2049', inode, name, size });

describe('resumePlan', () => {
	it('nothing stored: the path from 0, or wait while it is missing', () => {
		expect(resumePlan(null, file('queue_log', '7', 90), [])).toEqual({
			kind: 'open',
			name: 'queue_log',
			file: file('queue_log', '7', 90),
			offset: 0,
			verify: false
		});
		expect(resumePlan(null, null, [])).toEqual({ kind: 'wait' });
	});

	it('the same inode at the path: the stored offset, to be verified', () => {
		expect(resumePlan(saved, file('queue_log', '100', 900), [])).toMatchObject({
			name: 'queue_log',
			offset: 500,
			verify: true
		});
	});

	it('rotated while down: finish the old file found by device+inode under its new name', () => {
		const siblings = [
			file('queue_log', '101', 30),
			file('queue_log.1', '100', 800),
			file('x', '5', 1)
		];
		expect(resumePlan(saved, file('queue_log', '101', 30), siblings)).toMatchObject({
			name: 'queue_log.1',
			offset: 500,
			verify: true
		});
		// Also when the new file is not created yet.
		expect(resumePlan(saved, null, siblings)).toMatchObject({ name: 'queue_log.1', offset: 500 });
	});

	it('same inode on another device is another file; the old file gone: the path from 0', () => {
		const other = { ...file('queue_log.1', '100', 800), device: '2050' };
		expect(resumePlan(saved, file('queue_log', '101', 30), [other])).toMatchObject({
			name: 'queue_log',
			offset: 0,
			verify: false
		});
		expect(resumePlan(saved, null, [])).toEqual({ kind: 'wait' });
	});
});

describe('verifiedOffset', () => {
	it('keeps the offset when the stored last line is there', () => {
		expect(verifiedOffset(saved, 500, true)).toBe(500);
		expect(verifiedOffset(saved, 9000, true)).toBe(500);
	});
	it('copytruncate: shorter than the offset, or other bytes before it → from 0', () => {
		expect(verifiedOffset(saved, 499, true)).toBe(0);
		expect(verifiedOffset(saved, 9000, false)).toBe(0);
	});
	it('offset 0 needs no tail', () => {
		expect(verifiedOffset({ ...saved, offset: 0, tailLength: 0 }, 0, false)).toBe(0);
	});
});

describe('atEndOfFile', () => {
	const reading = { device: '2049', inode: '100', offset: 500 };
	it('waits while the path is the same file, or missing (between rename and create)', () => {
		expect(atEndOfFile(reading, 500, { device: '2049', inode: '100' })).toEqual({ kind: 'wait' });
		expect(atEndOfFile(reading, 520, null)).toEqual({ kind: 'wait' });
	});
	it('another inode at the path: rotated', () => {
		expect(atEndOfFile(reading, 500, { device: '2049', inode: '101' })).toEqual({
			kind: 'rotated'
		});
	});
	it('shrunk below the offset: truncated (also if the path moved on)', () => {
		expect(atEndOfFile(reading, 0, { device: '2049', inode: '100' })).toEqual({
			kind: 'truncated'
		});
		expect(atEndOfFile(reading, 10, null)).toEqual({ kind: 'truncated' });
	});
});

describe('completeLength', () => {
	const bytes = (s: string) => new TextEncoder().encode(s);
	it('up to the last newline; a last line without one waits', () => {
		expect(completeLength(bytes('a|b\nc|d\ne|f'))).toBe(8);
		expect(completeLength(bytes('a|b\n'))).toBe(4);
		expect(completeLength(bytes('partial'))).toBe(0);
		expect(completeLength(bytes(''))).toBe(0);
	});
	it('counts bytes, not characters', () => {
		// 4 + 6 (队列) + 12 + 6 (午饭) + 1 bytes, 21 characters
		expect(completeLength(bytes('1|x|队列|NONE|PAUSE|午饭\n'))).toBe(29);
	});
});
