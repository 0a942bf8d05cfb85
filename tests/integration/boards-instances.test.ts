/**
 * Boards with two instances on one PostgreSQL and one Redis: a board stored through one reaches
 * the sockets of the other (`boards.changed`), an admin's assignment on one reaches the screen
 * connected to the other within 5 s (`screen`, through the Socket.IO Redis adapter), and what the
 * screen reports to its instance (`screen.showing`) is in the other's /admin/displays.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	BoardsChanged,
	ClientToServerEvents,
	ScreenAssignment,
	ServerToClientEvents
} from '../../src/lib/contract';
import { authHeaders, enrolDisplay, formAction, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { createTempDatabase } from '../helpers/pg';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hwtest:${randomBytes(4).toString('hex')}:`;
let db: { url: string; drop(): Promise<void> };
const servers: ServerHandle[] = [];

beforeAll(async () => {
	db = await createTempDatabase('hw_boards_two');
	for (let i = 0; i < 2; i++) {
		servers.push(
			await startServer(
				{
					DATABASE_URL: db.url,
					REDIS_URL,
					REDIS_KEY_PREFIX: prefix,
					ADMIN_PASSWORD: TEST_ADMIN_PASSWORD
				},
				{ timeoutMs: 180_000 }
			)
		);
	}
}, 400_000);

afterAll(async () => {
	for (const s of servers) {
		await s.stop().catch(() => {});
		removeDir(s.dataDir);
	}
	const r = createClient({ url: REDIS_URL });
	await r.connect();
	for await (const keys of r.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
		if (keys.length) await r.del(keys);
	}
	await r.quit();
	await db?.drop();
});

describe('boards on two instances', () => {
	it('a change on one reaches the screen on the other; its report reaches the first', async () => {
		const [a, b] = servers as [ServerHandle, ServerHandle];
		const display = await enrolDisplay(a, 'Two-instance screen');
		const screen: Socket<ServerToClientEvents, ClientToServerEvents> = io(b.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			extraHeaders: { cookie: display.cookie }
		});
		const screens: ScreenAssignment[] = [];
		const changes: BoardsChanged[] = [];
		screen.on('screen', (s) => screens.push(s));
		screen.on('boards.changed', (c) => changes.push(c));
		try {
			await expect.poll(() => screens.length, { timeout: 10_000 }).toBe(1);
			expect(screens[0]).toEqual({ board: 'hall' });

			const res = await fetch(`${a.url}/api/v1/boards/two`, {
				method: 'PUT',
				headers: { ...(await authHeaders(a, 'manager')), 'content-type': 'application/json' },
				body: JSON.stringify({
					name: 'Two',
					columns: 4,
					rows: 2,
					tiles: [{ type: 'waiting', x: 0, y: 0, w: 2, h: 2 }]
				})
			});
			expect(res.status).toBe(200);
			await expect.poll(() => changes, { timeout: 5000 }).toEqual([{ kind: 'board', id: 'two' }]);

			const t0 = Date.now();
			const admin = (await authHeaders(a, 'admin')).cookie!;
			await formAction(a, admin, '/admin/displays?/assign', {
				id: display.id,
				name: display.name,
				show: 'board:two'
			});
			await expect.poll(() => screens.length, { timeout: 5000 }).toBe(2);
			expect(Date.now() - t0).toBeLessThan(5000);
			expect(screens[1]).toEqual({ board: 'two' });

			screen.emit('screen.showing', { board: 'two', dimmed: false });
			await expect
				.poll(
					async () => {
						const html = await (
							await fetch(`${a.url}/admin/displays`, {
								headers: { cookie: admin, accept: 'text/html' }
							})
						).text();
						const cell = /data-testid="now-showing"[^>]*>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '';
						return cell.replace(/<[^>]+>/g, '').trim();
					},
					{ timeout: 5000 }
				)
				.toMatch(/^Two/);
		} finally {
			screen.close();
		}
	}, 60_000);
});
