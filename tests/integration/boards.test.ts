/**
 * Boards, playlists and a board per screen (contract §9) against the built server, on PGlite and
 * on PostgreSQL: the API stores and answers boards exactly, refuses what leaves the grid,
 * overlaps or is unknown by naming the tile, guards built-ins and boards in use, admits changes
 * from managers and admins only (same-origin), pushes `boards.changed` to every socket and
 * `screen` to the screen an admin assigns; a screen's `screen.showing` reaches the admin list;
 * the display cookie is renewed on use and revocation still cuts it.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	Board,
	BoardsChanged,
	ClientToServerEvents,
	Playlist,
	ScreenAssignment,
	ServerToClientEvents
} from '../../src/lib/contract';
import { DISPLAY_COOKIE_MAX_AGE_S } from '../../src/lib/server/auth/authenticate';
import { authHeaders, enrolDisplay, formAction, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { startApp, type AppHandle } from '../helpers/app';
import { createTempDatabase } from '../helpers/pg';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const board: Board = {
	id: 'dispatch-left',
	name: '派单左屏 Dispatch left',
	columns: 12,
	rows: 6,
	tiles: [
		{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
		{ type: 'serviceLevel', x: 3, y: 0, w: 3, h: 2, options: { queue: 'elderly' } },
		{ type: 'series', x: 6, y: 0, w: 6, h: 2, options: { queue: 'general' } },
		{ type: 'tickets', x: 0, y: 2, w: 4, h: 4 },
		{ type: 'districtMap', x: 4, y: 2, w: 4, h: 4, options: { metric: 'today' } },
		{ type: 'overdue', x: 8, y: 2, w: 4, h: 4 }
	]
};

function connect(url: string, cookie: string): Promise<Client> {
	const socket: Client = io(url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: { cookie }
	});
	return new Promise((resolve, reject) => {
		socket.once('snapshot', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

type Untyped = {
	on(event: string, listener: (value: unknown) => void): void;
	off(event: string, listener: (value: unknown) => void): void;
};

/** The next `event` on `socket` matching `predicate`, within `ms`. */
function next<E extends 'screen' | 'boards.changed'>(
	socket: Client,
	event: E,
	predicate: (value: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
	ms = 5000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	type V = Parameters<ServerToClientEvents[E]>[0];
	const raw = socket as unknown as Untyped;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
		const on = (value: unknown) => {
			if (!predicate(value as V)) return;
			clearTimeout(timer);
			raw.off(event, on);
			resolve(value as V);
		};
		raw.on(event, on);
	});
}

describe.each(['PGlite', 'PostgreSQL'] as const)('boards on %s', (backend) => {
	let server: AppHandle;
	let temp: { url: string; drop(): Promise<void> } | undefined;
	let manager: Record<string, string>;
	let admin: Record<string, string>;

	const api = (path: string, init: RequestInit & { as?: Record<string, string> } = {}) =>
		fetch(`${server.url}${path}`, {
			...init,
			headers: {
				accept: 'application/json',
				...(init.body ? { 'content-type': 'application/json' } : {}),
				...(init.as ?? manager),
				...(init.headers as Record<string, string> | undefined)
			}
		});
	const put = (path: string, body: unknown, as = manager) =>
		api(path, { method: 'PUT', body: JSON.stringify(body), as });

	beforeAll(async () => {
		if (backend === 'PostgreSQL') temp = await createTempDatabase('hw_boards');
		server = await startApp({
			ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
			LOGIN_RATE_LIMIT: '1000',
			...(temp ? { DATABASE_URL: temp.url } : {})
		});
		manager = await authHeaders(server, 'manager');
		admin = await authHeaders(server, 'admin');
		// PGlite's first migration takes a minute on a loaded machine.
	}, 300_000);
	afterAll(async () => {
		await server?.stop();
		await temp?.drop();
	});

	it('PUT a board, GET it back exactly, find it in the list after the built-ins', async () => {
		const stored = await put(`/api/v1/boards/${board.id}`, board);
		expect(stored.status).toBe(200);
		expect(await stored.json()).toEqual(board);
		const got = await api(`/api/v1/boards/${board.id}`);
		expect(got.status).toBe(200);
		// Byte for byte: jsonb's own key order does not leak out.
		expect(await got.text()).toBe(JSON.stringify(board));
		// Without an id in the body: the URL's.
		const { id: _id, ...noId } = { ...board, name: 'B' };
		expect(await (await put('/api/v1/boards/b-copy', noId)).json()).toEqual({
			...noId,
			id: 'b-copy'
		});
		const list = (await (await api('/api/v1/boards')).json()) as unknown[];
		expect(list).toEqual([
			{ id: 'hall', name: '全场 Hall', builtIn: true },
			{ id: 'tickets', name: '工单 Tickets', builtIn: true },
			{ id: 'queues', name: '队列 Queues', builtIn: true },
			{ id: 'city', name: '民生态势 City', builtIn: true },
			{ id: 'b-copy', name: 'B' },
			{ id: board.id, name: board.name }
		]);
		expect(await (await api('/api/v1/boards/hall')).json()).toMatchObject({
			id: 'hall',
			columns: 12,
			rows: 6
		});
		expect((await api('/api/v1/boards/nope')).status).toBe(404);
	});

	it.each([
		[
			'a tile leaving the grid',
			[{ type: 'waiting', x: 10, y: 0, w: 3, h: 2 }],
			'tile 0 (waiting) leaves the grid: columns 10–12, rows 0–1 on a 12×6 grid',
			0
		],
		[
			'an overlap',
			[
				{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
				{ type: 'today', x: 6, y: 0, w: 2, h: 2 },
				{ type: 'agents', x: 2, y: 1, w: 3, h: 2 }
			],
			'tile 2 (agents) overlaps tile 0 (waiting)',
			2
		],
		[
			'an unknown type',
			[
				{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
				{ type: 'weather', x: 3, y: 0, w: 3, h: 2 }
			],
			'tile 1: unknown type "weather"',
			1
		],
		[
			'an option its type does not read',
			[{ type: 'queues', x: 0, y: 0, w: 4, h: 2, options: { queue: 'general' } }],
			'tile 0: a queues tile takes no option "queue"',
			0
		],
		[
			'a negative x',
			[{ type: 'waiting', x: -1, y: 0, w: 3, h: 2 }],
			'tile 0: x Too small: expected number to be >=0',
			0
		]
	])('%s → 400 naming the tile', async (_what, tiles, message, tile) => {
		const res = await put('/api/v1/boards/bad', { ...board, id: undefined, tiles });
		expect(res.status).toBe(400);
		const body = (await res.json()) as { message: string; problems: { tile?: number }[] };
		expect(body.message).toBe(message);
		expect(body.problems[0]).toMatchObject({ tile });
		expect((await api('/api/v1/boards/bad')).status).toBe(404);
	});

	it('a board of 25 columns, a body id unlike the URL, malformed JSON → 400', async () => {
		const wide = await put('/api/v1/boards/wide', { ...board, id: undefined, columns: 25 });
		expect(wide.status).toBe(400);
		expect(((await wide.json()) as { message: string }).message).toMatch(/^columns /);
		const other = await put('/api/v1/boards/other', board);
		expect(other.status).toBe(400);
		expect(await other.json()).toMatchObject({
			message: `the body's id "dispatch-left" is not the URL's "other"`
		});
		const broken = await api('/api/v1/boards/x', { method: 'PUT', body: '{"name":' });
		expect(broken.status).toBe(400);
		expect(((await broken.json()) as { message: string }).message).toMatch(/^malformed JSON/);
	});

	it('a built-in board cannot be changed or deleted: 409 says to copy it', async () => {
		const res = await put('/api/v1/boards/hall', { ...board, id: 'hall' });
		expect(res.status).toBe(409);
		expect(((await res.json()) as { message: string }).message).toContain('copy it');
		const del = await api('/api/v1/boards/tickets', { method: 'DELETE' });
		expect(del.status).toBe(409);
		expect(((await del.json()) as { message: string }).message).toContain('copy it');
	});

	it('managers and admins may change boards; supervisors and displays 403; anonymous 401; another site refused', async () => {
		const supervisor = await authHeaders(server, 'supervisor');
		const display = await enrolDisplay(server, 'Rights screen');
		expect((await put('/api/v1/boards/rights', { ...board, id: undefined }, admin)).status).toBe(
			200
		);
		expect(
			(await put('/api/v1/boards/rights', { ...board, id: undefined }, supervisor)).status
		).toBe(403);
		expect(
			(
				await put(
					'/api/v1/boards/rights',
					{ ...board, id: undefined },
					{ cookie: display.cookie, origin: server.url }
				)
			).status
		).toBe(403);
		expect(
			(await put('/api/v1/boards/rights', { ...board, id: undefined }, { origin: server.url }))
				.status
		).toBe(401);
		const crossSite = await put(
			'/api/v1/boards/rights',
			{ ...board, id: undefined },
			{ ...manager, origin: 'https://evil.example' }
		);
		expect(crossSite.status).toBe(403);
		expect((await api('/api/v1/boards/rights', { method: 'DELETE', as: supervisor })).status).toBe(
			403
		);
		// Reads: whoever may read the live wall.
		expect((await api('/api/v1/boards/rights', { as: { cookie: display.cookie } })).status).toBe(
			200
		);
		expect((await api('/api/v1/boards', { as: {} })).status).toBe(401);
	});

	it('playlists: boards that exist, seconds ≥ 5, exactly back; delete guards', async () => {
		const playlist: Playlist = {
			id: 'day',
			name: '白天 Day',
			items: [
				{ board: 'hall', seconds: 60 },
				{ board: board.id, seconds: 30 }
			],
			redAlertBoard: 'queues'
		};
		const stored = await put('/api/v1/playlists/day', playlist);
		expect(stored.status).toBe(200);
		expect(await stored.json()).toEqual(playlist);
		expect(await (await api('/api/v1/playlists/day')).text()).toBe(JSON.stringify(playlist));
		expect(await (await api('/api/v1/playlists')).json()).toEqual([
			{ id: 'day', name: '白天 Day' }
		]);

		const short = await put('/api/v1/playlists/short', {
			name: 'Short',
			items: [
				{ board: 'hall', seconds: 10 },
				{ board: 'hall', seconds: 4 }
			]
		});
		expect(short.status).toBe(400);
		expect(await short.json()).toMatchObject({ message: 'item 1: seconds must be at least 5' });
		const missing = await put('/api/v1/playlists/missing', {
			name: 'Missing',
			items: [
				{ board: 'hall', seconds: 10 },
				{ board: 'gone', seconds: 10 }
			]
		});
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({
			message: 'item 1: no board "gone"',
			problems: [{ item: 1, field: 'board', message: 'item 1: no board "gone"' }]
		});

		// The board is in the playlist: it stays until the playlist lets go of it.
		const inUse = await api(`/api/v1/boards/${board.id}`, { method: 'DELETE' });
		expect(inUse.status).toBe(409);
		expect(await inUse.json()).toEqual({
			message: `board "${board.id}" is in use by playlist “白天 Day”: change them first`
		});
		expect((await api('/api/v1/playlists/day', { method: 'DELETE' })).status).toBe(204);
		expect((await api('/api/v1/playlists/day')).status).toBe(404);
		expect((await api('/api/v1/playlists/day', { method: 'DELETE' })).status).toBe(404);
		expect((await api('/api/v1/boards/b-copy', { method: 'DELETE' })).status).toBe(204);
		expect((await api('/api/v1/boards/b-copy')).status).toBe(404);
	});

	it('a socket receives boards.changed after a PUT and a DELETE', async () => {
		const display = await enrolDisplay(server, 'Changes screen');
		const wall = await connect(server.url, display.cookie);
		const people = await connect(server.url, manager.cookie!);
		try {
			const seen = Promise.all([
				next(wall, 'boards.changed', (c) => c.id === 'pushed'),
				next(people, 'boards.changed', (c) => c.id === 'pushed')
			]);
			expect((await put('/api/v1/boards/pushed', { ...board, id: undefined })).status).toBe(200);
			expect(await seen).toEqual([
				{ kind: 'board', id: 'pushed' },
				{ kind: 'board', id: 'pushed' }
			]);
			const gone = next(wall, 'boards.changed', (c: BoardsChanged) => c.id === 'pushed');
			expect((await api('/api/v1/boards/pushed', { method: 'DELETE' })).status).toBe(204);
			expect(await gone).toEqual({ kind: 'board', id: 'pushed', deleted: true });
		} finally {
			wall.close();
			people.close();
		}
	});

	it('a screen gets its assignment on connect and when an admin changes it; reports what it shows', async () => {
		const display = await enrolDisplay(server, 'Hall left');
		const first = io(server.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			extraHeaders: { cookie: display.cookie }
		}) as Client;
		try {
			expect(await next(first, 'screen')).toEqual({ board: 'hall' });
			const assigned = next(first, 'screen', (a: ScreenAssignment) => a.board === board.id);
			const t0 = Date.now();
			const done = await formAction(server, admin.cookie!, '/admin/displays?/assign', {
				id: display.id,
				name: display.name,
				show: `board:${board.id}`,
				night: 'dim',
				nightFrom: '22:00',
				nightTo: '07:00'
			});
			expect(done.data).toEqual({ assigned: { id: display.id, name: display.name } });
			expect(await assigned).toEqual({
				board: board.id,
				night: { from: '22:00', to: '07:00', mode: 'dim' }
			});
			expect(Date.now() - t0).toBeLessThan(5000);

			first.emit('screen.showing', { board: board.id, dimmed: true });
			await expect
				.poll(async () => (await server.app.boards.showing([display.id])).get(display.id))
				.toMatchObject({ board: board.id, dimmed: true });
			const page = await fetch(`${server.url}/admin/displays`, {
				headers: { cookie: admin.cookie!, accept: 'text/html' }
			});
			const html = await page.text();
			expect(html).toContain('data-testid="now-showing"');
			expect(html).toContain('调暗 dimmed');

			// The board is now in use by the screen.
			const del = await api(`/api/v1/boards/${board.id}`, { method: 'DELETE' });
			expect(del.status).toBe(409);
			expect(((await del.json()) as { message: string }).message).toBe(
				`board "${board.id}" is in use by screen “Hall left”: change them first`
			);
			first.close();

			// A reconnect (a power cut) gets the same assignment back.
			const again = io(server.url, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				extraHeaders: { cookie: display.cookie }
			}) as Client;
			try {
				expect(await next(again, 'screen')).toEqual({
					board: board.id,
					night: { from: '22:00', to: '07:00', mode: 'dim' }
				});
			} finally {
				again.close();
			}
		} finally {
			first.close();
		}
	});

	it('the assign form refuses what is wrong with a clear error', async () => {
		const display = await enrolDisplay(server, 'Form screen');
		const refuse = async (fields: Record<string, string>) => {
			const r = await formAction<{ error: string }>(
				server,
				admin.cookie!,
				'/admin/displays?/assign',
				{ id: display.id, name: display.name, ...fields },
				{ allowFailure: true }
			);
			expect(r.type).toBe('failure');
			return { status: r.status, error: r.data.error };
		};
		expect(await refuse({ show: 'board:gone' })).toEqual({
			status: 400,
			error: 'board: no board "gone"'
		});
		expect(
			await refuse({ show: 'board:hall', night: 'board', nightFrom: '22:00', nightTo: '07:00' })
		).toEqual({
			status: 400,
			error: 'night.board: a board is needed for mode "board", and only then'
		});
		expect(
			await refuse({ show: 'board:hall', night: 'dim', nightFrom: '25:00', nightTo: '07:00' })
		).toEqual({ status: 400, error: 'night.from: must be HH:MM (00:00–23:59)' });
		expect(await refuse({ id: 'no-such-display', show: 'board:hall' })).toEqual({
			status: 404,
			error: 'no such display (or it was revoked)'
		});
		const manager = await formAction(
			server,
			(await authHeaders(server, 'manager')).cookie!,
			'/admin/displays?/assign',
			{ id: display.id, show: 'board:hall' },
			{ allowFailure: true }
		);
		expect(manager.status).toBe(403);
	});

	it('the display cookie is renewed on every use; revocation still cuts it', async () => {
		const display = await enrolDisplay(server, 'Renewal screen');
		const token = display.cookie.split('=')[1]!;
		const expected = `hw_display=${token}; Max-Age=${DISPLAY_COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Lax`;
		const res = await fetch(`${server.url}/api/v1/snapshot`, {
			headers: { cookie: display.cookie }
		});
		expect(res.status).toBe(200);
		expect(res.headers.getSetCookie()).toEqual([expected]);
		const page = await fetch(`${server.url}/wall`, {
			headers: { cookie: display.cookie, accept: 'text/html' }
		});
		expect(page.headers.getSetCookie()).toEqual([expected]);
		// The socket handshake renews it too (a screen that stays connected for months).
		const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
			headers: { cookie: display.cookie }
		});
		expect(handshake.status).toBe(200);
		expect(handshake.headers.getSetCookie()).toEqual([
			`hw_display=${token}; Max-Age=${DISPLAY_COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Lax`
		]);
		// A person's session is not a display: nothing renewed.
		const person = await fetch(`${server.url}/api/v1/snapshot`, { headers: manager });
		expect(person.headers.getSetCookie()).toEqual([]);

		const socket = await connect(server.url, display.cookie);
		const cut = new Promise<number>((resolve) =>
			socket.once('disconnect', () => resolve(Date.now()))
		);
		const t0 = Date.now();
		await formAction(server, admin.cookie!, '/admin/displays?/revoke', { id: display.id });
		expect((await cut) - t0).toBeLessThan(5000);
		const after = await fetch(`${server.url}/api/v1/snapshot`, {
			headers: { cookie: display.cookie }
		});
		expect(after.status).toBe(401);
		expect(after.headers.getSetCookie().filter((c) => c.includes(token))).toEqual([]);
	});
});
