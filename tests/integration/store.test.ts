/**
 * The event store against both backends: PGlite in a fresh temp folder, PostgreSQL in a fresh
 * database per location (created for the run, dropped afterwards). Same table of tests for both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	AgentState,
	CallAbandoned,
	CallAnswered,
	CallEnded,
	CallOffered,
	AgentStateEvent,
	TicketCreated,
	TicketDispatched,
	TicketFeedback,
	TicketSurvey,
	WallboardEvent
} from '../../src/lib/contract/events';
import { APPEND_CHUNK_ROWS } from '../../src/lib/server/db/drizzle-store';
import { LOCK_FILE_NAME } from '../../src/lib/server/db/lock';
import { openStore, type EventStore, type OpenStoreOptions } from '../../src/lib/server/db/store';

const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
const STORE_MODULE = fileURLToPath(new URL('../../src/lib/server/db/store.ts', import.meta.url));
const JOURNAL_ENTRIES = (
	JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
		entries: unknown[];
	}
).entries.length;

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
/** Fixed clock for every test: 2025-03-10T12:00:00Z. */
const NOW = Date.parse('2025-03-10T12:00:00Z');

// ---- event factories ----------------------------------------------------------------------

const offered = (id: string, callId: string, at: number): CallOffered => ({
	id,
	type: 'call.offered',
	at,
	callId,
	queue: 'general',
	caller: '+86 138 0000 0000'
});
const answered = (id: string, callId: string, at: number): CallAnswered => ({
	id,
	type: 'call.answered',
	at,
	callId,
	agentId: 'agent-1'
});
const abandoned = (id: string, callId: string, at: number): CallAbandoned => ({
	id,
	type: 'call.abandoned',
	at,
	callId
});
const ended = (id: string, callId: string, at: number): CallEnded => ({
	id,
	type: 'call.ended',
	at,
	callId
});
const agent = (id: string, agentId: string, state: AgentState, at: number): AgentStateEvent => ({
	id,
	type: 'agent.state',
	at,
	agentId,
	state
});
const created = (id: string, ticketId: string, at: number): TicketCreated => ({
	id,
	type: 'ticket.created',
	at,
	ticketId,
	category: 'livelihood',
	kind: 'help',
	district: 'Central',
	summary: 'no water since morning'
});
const dispatched = (id: string, ticketId: string, at: number): TicketDispatched => ({
	id,
	type: 'ticket.dispatched',
	at,
	ticketId,
	department: 'Water Bureau'
});
const feedback = (id: string, ticketId: string, at: number): TicketFeedback => ({
	id,
	type: 'ticket.feedback',
	at,
	ticketId,
	outcome: 'resolved'
});
const survey = (id: string, ticketId: string, at: number): TicketSurvey => ({
	id,
	type: 'ticket.survey',
	at,
	ticketId,
	responded: true,
	resolved: true,
	satisfied: false
});

const ids = (events: readonly WallboardEvent[]) => events.map((e) => e.id).sort();
const sorted = (set: Iterable<string>) => [...set].sort();

// ---- backends ------------------------------------------------------------------------------

interface Backend {
	name: 'pglite' | 'postgres';
	/** A new, empty place for a store (temp folder or database). */
	newLocation(): Promise<OpenStoreOptions>;
	/** Rows of a query, read around the store (which must be closed). */
	query<T>(location: OpenStoreOptions, text: string): Promise<T[]>;
	cleanup(): Promise<void>;
}

function pgliteBackend(): Backend {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-store-'));
	let n = 0;
	return {
		name: 'pglite',
		// A nested path whose parents do not exist yet: openStore must create them.
		newLocation: async () => ({ dataDir: path.join(root, `db${n++}`, 'data') }),
		async query<T>(location: OpenStoreOptions, text: string) {
			const raw = await PGlite.create({ dataDir: location.dataDir });
			try {
				return (await raw.query<T>(text)).rows;
			} finally {
				await raw.close();
			}
		},
		cleanup: async () => fs.rmSync(root, { recursive: true, force: true })
	};
}

function postgresBackend(): Backend {
	const prefix = `hw_store_${Math.random().toString(36).slice(2, 10)}`;
	const databases: string[] = [];
	const admin = () => new pg.Client({ connectionString: BASE_URL });
	const urlOf = (database: string) => {
		const url = new URL(BASE_URL);
		url.pathname = `/${database}`;
		return url.toString();
	};
	return {
		name: 'postgres',
		async newLocation() {
			const database = `${prefix}_${databases.length}`;
			const client = admin();
			await client.connect();
			try {
				await client.query(`create database ${database}`);
			} finally {
				await client.end();
			}
			databases.push(database);
			return { databaseUrl: urlOf(database), dataDir: '/nonexistent-unused' };
		},
		async query<T>(location: OpenStoreOptions, text: string) {
			const client = new pg.Client({ connectionString: location.databaseUrl });
			await client.connect();
			try {
				return (await client.query(text)).rows as T[];
			} finally {
				await client.end();
			}
		},
		async cleanup() {
			const client = admin();
			await client.connect();
			try {
				for (const database of databases) {
					await client.query(`drop database if exists ${database} with (force)`);
				}
			} finally {
				await client.end();
			}
		}
	};
}

// ---- the shared table ----------------------------------------------------------------------

describe.each([{ make: pgliteBackend }, { make: postgresBackend }])('event store', ({ make }) => {
	const backend = make();
	/** Opened stores, closed in afterAll even when a test fails half-way. */
	const opened: EventStore[] = [];
	const open = async (location: OpenStoreOptions) => {
		const store = await openStore({ ...location, migrationsFolder: MIGRATIONS });
		opened.push(store);
		return store;
	};
	let location: OpenStoreOptions;
	let store: EventStore;
	const migrationRows = async (at: OpenStoreOptions) =>
		(
			await backend.query<{ n: number }>(
				at,
				'select count(*)::int as n from drizzle.__drizzle_migrations'
			)
		)[0]?.n ?? -1;
	/** live_open as "kind:entity", sorted. */
	const liveOpen = async (at: OpenStoreOptions) =>
		(
			await backend.query<{ kind: string; entity: string }>(
				at,
				'select kind, entity from live_open'
			)
		)
			.map((r) => `${r.kind}:${r.entity}`)
			.sort();

	beforeAll(async () => {
		location = await backend.newLocation();
		store = await open(location);
	});

	afterAll(async () => {
		for (const s of opened) await s.close();
		await backend.cleanup();
	});

	describe(backend.name, () => {
		it('reports its kind and answers ping', async () => {
			expect(store.kind).toBe(backend.name);
			await expect(store.ping()).resolves.toBeUndefined();
		});

		it('applies the migrations on an empty database, and they are a no-op the second time', async () => {
			const fresh = await backend.newLocation();
			const first = await open(fresh);
			expect(await first.countEvents()).toBe(0);
			await first.append([ended('mig-1', 'c-mig', NOW)], NOW);
			await first.close();
			expect(await migrationRows(fresh)).toBe(JOURNAL_ENTRIES);

			const second = await open(fresh);
			expect(await second.countEvents()).toBe(1);
			await second.close();
			expect(await migrationRows(fresh)).toBe(JOURNAL_ENTRIES);
		});

		it('append returns only the ids not stored yet', async () => {
			const a = ended('new-a', 'c-new', NOW);
			const b = ended('new-b', 'c-new', NOW);
			const c = ended('new-c', 'c-new', NOW);
			const before = await store.countEvents();
			expect(sorted(await store.append([a, b], NOW))).toEqual(['new-a', 'new-b']);
			expect(sorted(await store.append([b, c], NOW))).toEqual(['new-c']);
			expect(sorted(await store.append([a, b, c], NOW))).toEqual([]);
			expect(await store.append([], NOW)).toEqual(new Set());
			expect(await store.countEvents()).toBe(before + 3);
		});

		it('tells which ids are stored already', async () => {
			await store.append([ended('known-1', 'c-known', NOW), ended('known-2', 'c-known', NOW)], NOW);
			expect(sorted(await store.existingIds(['known-1', 'unknown-1', 'known-2']))).toEqual([
				'known-1',
				'known-2'
			]);
			expect(await store.existingIds([])).toEqual(new Set());
		});

		it('keeps the first of duplicates within one batch', async () => {
			const first = ended('dup-1', 'c-dup-first', NOW - 1 * S);
			const again = ended('dup-1', 'c-dup-second', NOW - 2 * S);
			const before = await store.countEvents();
			expect(sorted(await store.append([first, again, first], NOW))).toEqual(['dup-1']);
			expect(await store.countEvents()).toBe(before + 1);
			const live = await store.loadLive(NOW, { liveWindowMs: 10 * S, surveyWindowMs: 0 });
			expect(live.filter((e) => e.id === 'dup-1')).toEqual([first]);
		});

		it('spans several chunks in one batch and reports exactly the new ids', async () => {
			const batch = Array.from({ length: APPEND_CHUNK_ROWS * 2 + 7 }, (_, i) =>
				ended(`chunk-${i}`, `c-chunk-${i}`, NOW - i)
			);
			const stored = batch.filter((_, i) => i % 3 === 0);
			await store.append(stored, NOW);
			const before = await store.countEvents();
			const inserted = await store.append(batch, NOW);
			const expected = batch.filter((_, i) => i % 3 !== 0).map((e) => e.id);
			expect(sorted(inserted)).toEqual(expected.sort());
			expect(await store.countEvents()).toBe(before + expected.length);
		});

		it('inserts an id exactly once when two appends race', async () => {
			const event = ended('race-1', 'c-race', NOW);
			const others = [ended('race-2', 'c-race', NOW), ended('race-3', 'c-race', NOW)];
			const before = await store.countEvents();
			const [x, y] = await Promise.all([
				store.append([event, others[0]!], NOW),
				store.append([others[1]!, event], NOW)
			]);
			expect([...x].filter((id) => y.has(id))).toEqual([]);
			expect(sorted([...x, ...y])).toEqual(['race-1', 'race-2', 'race-3']);
			expect(await store.countEvents()).toBe(before + 3);
		});

		it('keeps accepted events across close and reopen', async () => {
			const fresh = await backend.newLocation();
			const first = await open(fresh);
			const events = [offered('keep-1', 'c-keep', NOW - MIN), answered('keep-2', 'c-keep', NOW)];
			expect(sorted(await first.append(events, NOW))).toEqual(['keep-1', 'keep-2']);
			await first.close();
			await first.close(); // idempotent
			await expect(first.ping()).rejects.toThrow(/closed/);

			const second = await open(fresh);
			expect(await second.countEvents()).toBe(2);
			expect(await second.append(events, NOW)).toEqual(new Set());
			const live = await second.loadLive(NOW, { liveWindowMs: H, surveyWindowMs: 0 });
			expect([...live].sort((a, b) => a.id.localeCompare(b.id))).toEqual(events);
			await second.close();
		});

		it('stores a setting only when absent and returns it unchanged', async () => {
			expect(await store.getSetting('missing')).toBeUndefined();
			expect(await store.setSettingIfAbsent('ingestToken', '0123456789')).toBe(true);
			expect(await store.setSettingIfAbsent('ingestToken', 'other')).toBe(false);
			expect(await store.getSetting('ingestToken')).toBe('0123456789');
			for (const [key, value] of [
				['looksLikeJson', 'true'],
				['object', { targets: { general: 15 }, list: [1, 'two', null] }],
				['number', 42.5],
				['null', null]
			] as const) {
				expect(await store.setSettingIfAbsent(key, value)).toBe(true);
				expect(await store.getSetting(key)).toEqual(value);
			}
			await expect(store.setSettingIfAbsent('undefined', undefined)).rejects.toThrow(/undefined/);
		});

		it('setSetting inserts, then replaces, a setting', async () => {
			await store.setSetting('thresholds', {
				metrics: { answerRate24h: { good: 0.95, warn: 0.9 } }
			});
			expect(await store.getSetting('thresholds')).toEqual({
				metrics: { answerRate24h: { good: 0.95, warn: 0.9 } }
			});
			await store.setSetting('thresholds', { byQueue: {} });
			expect(await store.getSetting('thresholds')).toEqual({ byQueue: {} });
			await store.setSetting('thresholds', 'true');
			expect(await store.getSetting('thresholds')).toBe('true');
			expect(await store.setSettingIfAbsent('thresholds', 'other')).toBe(false);
			await expect(store.setSetting('undefined', undefined)).rejects.toThrow(/undefined/);
		});

		it('live_open holds the calls and tickets still open, whatever the order of arrival', async () => {
			const at = await backend.newLocation();
			const s1 = await open(at);
			const t = NOW - 3 * D;
			await s1.append(
				[
					offered('lo-c1-o', 'c1', t), // open
					offered('lo-c2-o', 'c2', t),
					answered('lo-c3-a', 'c3', t + S), // its end first, its start in a later batch
					offered('lo-c4-o', 'c4', t),
					abandoned('lo-c4-x', 'c4', t + S), // start and end in one batch
					created('lo-t1-c', 't1', t), // pending
					created('lo-t2-c', 't2', t),
					dispatched('lo-t3-d', 't3', t + S)
				],
				NOW
			);
			await s1.append(
				[
					answered('lo-c2-a', 'c2', t + S),
					offered('lo-c3-o', 'c3', t),
					ended('lo-c1-e', 'c1', t + 2 * S), // not an end of waiting: c1 stays open
					dispatched('lo-t2-d', 't2', t + S),
					created('lo-t3-c', 't3', t),
					offered('lo-c1-o', 'c1', t), // a re-sent start changes nothing
					offered('lo-c2-o2', 'c2', t) // another start of a closed call: stays closed
				],
				NOW
			);
			await s1.close();
			expect(await liveOpen(at)).toEqual(['call:c1', 'ticket:t1']);
			const s2 = await open(at);
			const live = await s2.loadLive(NOW, { liveWindowMs: H, surveyWindowMs: 0 });
			expect(ids(live)).toEqual(['lo-c1-o', 'lo-t1-c']);
			await s2.close();
		});

		it('an upgrade fills live_open from the events stored before it', async () => {
			// The migrations without the last (0010, live_open), then all of them.
			const before = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-migrations-'));
			try {
				fs.cpSync(MIGRATIONS, before, { recursive: true });
				const journalPath = path.join(before, 'meta/_journal.json');
				const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as {
					entries: Array<{ tag: string }>;
				};
				const last = journal.entries.pop()!;
				expect(last.tag).toMatch(/live_open$/);
				fs.writeFileSync(journalPath, JSON.stringify(journal));
				fs.rmSync(path.join(before, `${last.tag}.sql`));

				const at = await backend.newLocation();
				const old = await openStore({ ...at, migrationsFolder: before });
				await old.close();
				// Stored as the version before stored them: straight into events, no live_open.
				const t = NOW - 3 * D;
				const stored = [
					offered('up-c1-o', 'c1', t),
					offered('up-c2-o', 'c2', t),
					answered('up-c2-a', 'c2', t + S),
					offered('up-c3-o', 'c3', t),
					abandoned('up-c3-x', 'c3', t + S),
					created('up-t1-c', 't1', t),
					created('up-t2-c', 't2', t),
					dispatched('up-t2-d', 't2', t + S)
				];
				const entity = (e: WallboardEvent) =>
					'callId' in e ? e.callId : 'ticketId' in e ? e.ticketId : '';
				const values = stored.map(
					(e) =>
						`('${e.id}', '${e.type}', '${entity(e)}', to_timestamp(${e.at / 1000}), now(), '${JSON.stringify(e)}'::jsonb)`
				);
				await backend.query(
					at,
					`insert into events (id, type, entity, at, received_at, payload) values ${values.join(', ')}`
				);
				expect(await migrationRows(at)).toBe(JOURNAL_ENTRIES - 1);

				const upgraded = await open(at);
				const live = await upgraded.loadLive(NOW, { liveWindowMs: H, surveyWindowMs: 0 });
				expect(ids(live)).toEqual(['up-c1-o', 'up-t1-c']);
				await upgraded.close();
				expect(await liveOpen(at)).toEqual(['call:c1', 'ticket:t1']);
			} finally {
				fs.rmSync(before, { recursive: true, force: true });
			}
		});

		it('loadLive returns exactly what the seven rules cover', async () => {
			const liveWindowMs = 2 * H;
			const surveyWindowMs = 30 * D;
			const keep: WallboardEvent[] = [
				// (1) any event inside the live window, including at the window's first ms and ahead of now
				ended('r1-ended', 'c-recent', NOW - H),
				answered('r1-first-ms', 'c-first-ms', NOW - liveWindowMs + 1),
				feedback('r1-feedback', 't-recent', NOW - H),
				ended('r1-future', 'c-future', NOW + MIN),
				// (2) surveys within 30 days + 1 day
				survey('r2-20d', 't-old-1', NOW - 20 * D),
				survey('r2-30d12h', 't-old-2', NOW - 30 * D - 12 * H),
				// (3) each agent's latest state of any age; ties on `at` go to the larger id
				agent('r3-a1-latest', 'a1', 'available', NOW - 5 * D),
				agent('r3-a2-tie-2', 'a2', 'break', NOW - 3 * H),
				agent('r3-a3-recent', 'a3', 'busy', NOW - H),
				// (4) calls still waiting, any age (one also recent: listed once)
				offered('r4-waiting', 'c-waiting', NOW - 3 * D),
				offered('r4-waiting-recent', 'c-waiting-recent', NOW - MIN),
				// (5) tickets still pending, any age
				created('r5-pending', 't-pending', NOW - 2 * D),
				created('r5-pending-feedback', 't-pending-feedback', NOW - 2 * D),
				// (6) the offered / created of calls and tickets with a recent event
				offered('r6-offered', 'c-recent', NOW - 3 * H),
				offered('r6-offered-first-ms', 'c-first-ms', NOW - 3 * H),
				created('r6-created', 't-recent', NOW - 30 * H),
				// (7) ticket.created within 31 days, and of older tickets surveyed within them
				created('r7-done-created', 't-done', NOW - 2 * D),
				created('r7-old-1-created', 't-old-1', NOW - 40 * D)
			];
			const drop: WallboardEvent[] = [
				// older than the window and covered by no other rule
				answered('x-recent-answered', 'c-recent', NOW - 2.5 * H),
				dispatched('x-recent-dispatched', 't-recent', NOW - 29 * H),
				// exactly at the window start (the window is open on the left)
				offered('x-edge-offered', 'c-edge', NOW - 4 * H),
				answered('x-edge-answered', 'c-edge', NOW - 3 * H),
				ended('x-edge-ended', 'c-edge', NOW - liveWindowMs),
				// surveys older than 31 days, or exactly 31
				survey('x-survey-31d1h', 't-old-3', NOW - 31 * D - H),
				survey('x-survey-31d', 't-old-4', NOW - 31 * D),
				created('x-old-5-created', 't-old-5', NOW - 40 * D),
				dispatched('x-old-5-dispatched', 't-old-5', NOW - 40 * D + H),
				dispatched('x-old-1-dispatched', 't-old-1', NOW - 40 * D + H),
				// older agent states
				agent('x-a1-older', 'a1', 'busy', NOW - 10 * D),
				agent('r3-a2-tie-1', 'a2', 'available', NOW - 3 * H), // same at, smaller id
				agent('x-a3-older', 'a3', 'wrapup', NOW - 5 * H),
				// answered / abandoned calls entirely older than the window
				offered('x-ans-offered', 'c-answered', NOW - 3 * D),
				answered('x-ans-answered', 'c-answered', NOW - 3 * D + 10 * S),
				ended('x-ans-ended', 'c-answered', NOW - 3 * D + 5 * MIN),
				offered('x-abd-offered', 'c-abandoned', NOW - 3 * D),
				abandoned('x-abd-abandoned', 'c-abandoned', NOW - 3 * D + 40 * S),
				// answered with no offered stored; answered stored before its offered
				answered('x-orphan-answered', 'c-orphan', NOW - 3 * D),
				answered('x-ooo-answered', 'c-out-of-order', NOW - 5 * H),
				offered('x-ooo-offered', 'c-out-of-order', NOW - 5 * H - 20 * S),
				// dispatched tickets, and the feedback of a pending one, older than the window
				dispatched('x-done-dispatched', 't-done', NOW - 2 * D + H),
				feedback('x-done-feedback', 't-done', NOW - D),
				feedback('x-pending-feedback', 't-pending-feedback', NOW - D)
			];
			const scenario = await open(await backend.newLocation());
			// Stored in two batches, the later-listed half first: restore must not depend on order.
			const all = [...keep, ...drop];
			const half = Math.floor(all.length / 2);
			await scenario.append(all.slice(half), NOW);
			await scenario.append(all.slice(0, half), NOW);

			const live = await scenario.loadLive(NOW, { liveWindowMs, surveyWindowMs });
			expect(ids(live)).toEqual(ids(keep));
			const byId = new Map(keep.map((e) => [e.id, e]));
			for (const event of live) expect(event).toEqual(byId.get(event.id));
			await scenario.close();
		});

		if (backend.name === 'postgres') {
			it('lets two instances start together on an empty database and share it', async () => {
				const fresh = await backend.newLocation();
				const [a, b] = await Promise.all([open(fresh), open(fresh)]);
				expect(await migrationRows(fresh)).toBe(JOURNAL_ENTRIES);
				const event = ended('two-1', 'c-two', NOW);
				const [x, y] = await Promise.all([a.append([event], NOW), b.append([event], NOW)]);
				expect(x.size + y.size).toBe(1);
				expect(await a.countEvents()).toBe(1);
				await Promise.all([a.close(), b.close()]);
			});
		}

		if (backend.name === 'pglite') {
			describe('folder lock', () => {
				const children: ChildProcess[] = [];
				afterAll(() => {
					for (const child of children) child.kill();
				});
				/** A node process that lives until killed: a pid that is alive and not ours. */
				const liveForeignPid = async () => {
					const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
						stdio: 'ignore'
					});
					children.push(child);
					await new Promise((resolve) => child.once('spawn', resolve));
					return child.pid!;
				};
				const deadPid = async () => {
					const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
					await new Promise((resolve) => child.once('exit', resolve));
					return child.pid!;
				};
				const lockPathOf = (o: OpenStoreOptions) => path.join(o.dataDir, LOCK_FILE_NAME);
				/** The holder's pid: the lock file's first line (the second is its start time). */
				const holderOf = (o: OpenStoreOptions) =>
					fs.readFileSync(lockPathOf(o), 'utf8').split('\n')[0]!.trim();
				const writeLock = (o: OpenStoreOptions, pid: number) => {
					fs.mkdirSync(o.dataDir, { recursive: true });
					fs.writeFileSync(lockPathOf(o), `${pid}\n`);
				};

				it('holds the lock while open and releases it on close', async () => {
					expect(holderOf(location)).toBe(String(process.pid));
					await expect(open(location)).rejects.toThrow(/already open in this process/);
					const fresh = await backend.newLocation();
					const other = await open(fresh);
					expect(fs.existsSync(lockPathOf(fresh))).toBe(true);
					await other.close();
					expect(fs.existsSync(lockPathOf(fresh))).toBe(false);
				});

				it('refuses a folder whose lock belongs to a live process', async () => {
					const fresh = await backend.newLocation();
					const pid = await liveForeignPid();
					writeLock(fresh, pid);
					const opening = open(fresh);
					await expect(opening).rejects.toThrow(new RegExp(`in use by pid ${pid}\\b`));
					await expect(opening).rejects.toThrow(/one process only.*DATABASE_URL/);
					expect(holderOf(fresh)).toBe(String(pid));
				});

				it.each([
					{ name: 'a dead pid (kill -9)', pid: deadPid },
					{
						name: 'our own pid from an earlier process (container restart)',
						pid: async () => process.pid
					},
					{ name: 'garbage', pid: async () => Number.NaN }
				])('takes over a stale lock holding $name', async ({ pid }) => {
					const fresh = await backend.newLocation();
					const stale = await pid();
					writeLock(fresh, stale);
					const warnings: object[] = [];
					const taken = await openStore({
						...fresh,
						migrationsFolder: MIGRATIONS,
						logger: { info() {}, warn: (o) => warnings.push(o) }
					});
					opened.push(taken);
					expect(warnings).toHaveLength(1);
					expect(holderOf(fresh)).toBe(String(process.pid));
					await taken.close();
					expect(fs.existsSync(lockPathOf(fresh))).toBe(false);
				});

				it('keeps what append resolved when its process is killed (kill -9), then takes over', async () => {
					const fresh = await backend.newLocation();
					// A separate process opens the store, appends, reports, then gets SIGKILL.
					const script = path.join(path.dirname(fresh.dataDir), 'writer.mts');
					fs.mkdirSync(path.dirname(script), { recursive: true });
					fs.writeFileSync(
						script,
						[
							`import { openStore } from ${JSON.stringify(STORE_MODULE)};`,
							`const store = await openStore(${JSON.stringify({ ...fresh, migrationsFolder: MIGRATIONS })});`,
							`const events = ${JSON.stringify([offered('kill-1', 'c-kill', NOW), ended('kill-2', 'c-kill', NOW)])};`,
							'const ids = await store.append(events, Date.now());',
							'process.stdout.write(JSON.stringify([...ids].sort()) + "\\n");',
							'setInterval(() => {}, 1000);'
						].join('\n')
					);
					const child = spawn(process.execPath, ['--import', 'tsx', script], {
						stdio: ['ignore', 'pipe', 'inherit']
					});
					children.push(child);
					const reported = await new Promise<string>((resolve, reject) => {
						let out = '';
						child.stdout!.on('data', (chunk: Buffer) => {
							out += chunk.toString();
							if (out.includes('\n')) resolve(out.trim());
						});
						child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
					});
					expect(JSON.parse(reported)).toEqual(['kill-1', 'kill-2']);
					expect(holderOf(fresh)).toBe(String(child.pid));
					const exited = new Promise((resolve) => child.once('exit', resolve));
					child.kill('SIGKILL');
					await exited;

					const warnings: object[] = [];
					const reopened = await openStore({
						...fresh,
						migrationsFolder: MIGRATIONS,
						logger: { info() {}, warn: (o) => warnings.push(o) }
					});
					opened.push(reopened);
					expect(warnings).toEqual([expect.objectContaining({ stalePid: child.pid })]);
					expect(await reopened.countEvents()).toBe(2);
					expect(await reopened.append([ended('kill-2', 'c-kill', NOW)], NOW)).toEqual(new Set());
					await reopened.close();
				});
			});
		}
	});
});
