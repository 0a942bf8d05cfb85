/**
 * Supervision on the real server: detail only to the sockets watching it, masked; alerts raised,
 * stored, acknowledged (REST and socket) and cleared; the ticket timeline with PII masked.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	AlertList,
	ClientToServerEvents,
	DetailMessage,
	ServerToClientEvents,
	SupervisionError,
	TicketTimeline
} from '../../src/lib/contract';
import { authHeaders, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { startApp, type AppHandle } from '../helpers/app';
import { NO_ALERT_HOLDS, postEvents, removeDir } from '../helpers/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & {
	details: DetailMessage[];
	alertLists: AlertList[];
	errors: SupervisionError[];
};

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
	const socket = io(url, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	}) as Client;
	socket.details = [];
	socket.alertLists = [];
	socket.errors = [];
	socket.on('detail', (m) => socket.details.push(m));
	socket.on('alerts', (l) => socket.alertLists.push(l));
	socket.on('supervision.error', (e) => socket.errors.push(e));
	await new Promise<void>((resolve, reject) => {
		socket.once('snapshot', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

async function until<T>(f: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = f();
		if (v) return v;
		if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('supervision', () => {
	let server: AppHandle;
	let headers: Record<string, string>;
	const sockets: Client[] = [];
	const t = Date.now();

	beforeAll(async () => {
		server = await startApp({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...NO_ALERT_HOLDS });
		headers = await authHeaders(server, 'supervisor');
	});
	afterAll(async () => {
		for (const s of sockets) s.close();
		await server?.stop();
		if (server) removeDir(server.dataDir);
	});

	const open = async () => {
		const s = await connect(server.url, headers);
		sockets.push(s);
		return s;
	};

	it('pushes a queue’s detail only to the sockets watching it, callers masked', async () => {
		const watcher = await open();
		const other = await open();
		const post = await postEvents(server.url, [
			{
				id: 'q-o1',
				type: 'call.offered',
				at: t - 30_000,
				callId: 'q1',
				queue: 'elderly',
				caller: '13812340000'
			},
			{ id: 'q-o2', type: 'call.offered', at: t - 10_000, callId: 'q2', queue: 'elderly' },
			{
				id: 'q-o3',
				type: 'call.offered',
				at: t - 5000,
				callId: 'q3',
				queue: 'general',
				caller: '13900001111'
			},
			{
				id: 'q-a1',
				type: 'agent.state',
				at: t - 60_000,
				agentId: 'E1',
				state: 'busy',
				name: '王芳',
				team: 'elderly'
			}
		]);
		expect(post.body.accepted).toBe(4);

		watcher.emit('watch', { kind: 'queue', queue: 'elderly' });
		const first = await until(() => watcher.details.find((d) => d.kind === 'queue'));
		if (first.kind !== 'queue') throw new Error('unreachable');
		expect(first.detail.calls.map((c) => [c.position, c.callId, c.callerMasked])).toEqual([
			[1, 'q1', '138****0000'],
			[2, 'q2', null]
		]);
		expect(first.detail.agents.map((a) => [a.agentId, a.name, a.state])).toEqual([
			['E1', '王芳', 'busy']
		]);

		// A new call in the watched queue is pushed; one in another queue is not.
		const before = watcher.details.length;
		await postEvents(server.url, [
			{ id: 'q-o4', type: 'call.offered', at: Date.now(), callId: 'q4', queue: 'general' }
		]);
		await sleep(1500);
		expect(watcher.details.length).toBe(before);
		await postEvents(server.url, [
			{
				id: 'q-o5',
				type: 'call.offered',
				at: Date.now(),
				callId: 'q5',
				queue: 'elderly',
				caller: '13812349999'
			}
		]);
		const next = await until(() =>
			watcher.details.slice(before).find((d) => d.kind === 'queue' && d.detail.calls.length === 3)
		);
		expect(next.kind).toBe('queue');

		// The socket that watched nothing got no detail; nothing anywhere carried a raw number.
		expect(other.details).toEqual([]);
		const all = JSON.stringify(watcher.details);
		for (const raw of ['13812340000', '13812349999', '13900001111']) expect(all).not.toContain(raw);

		// After unwatch, no more details.
		watcher.emit('unwatch', { kind: 'queue' });
		await sleep(200);
		const after = watcher.details.length;
		await postEvents(server.url, [
			{ id: 'q-x1', type: 'call.abandoned', at: Date.now(), callId: 'q1' }
		]);
		await sleep(1500);
		expect(watcher.details.length).toBe(after);
	});

	it('pushes the callback list: abandoned calls awaiting a callback, oldest first, masked', async () => {
		const s = await open();
		await postEvents(server.url, [
			{
				id: 'k-o1',
				type: 'call.offered',
				at: t - 900_000,
				callId: 'k1',
				queue: 'elderly',
				caller: '13700001111'
			},
			{ id: 'k-x1', type: 'call.abandoned', at: t - 800_000, callId: 'k1' },
			{
				id: 'k-o2',
				type: 'call.offered',
				at: t - 400_000,
				callId: 'k2',
				queue: 'general',
				caller: '13700002222'
			},
			{ id: 'k-x2', type: 'call.abandoned', at: t - 300_000, callId: 'k2' }
		]);
		s.emit('watch', { kind: 'callbacks' });
		const first = await until(() =>
			s.details.find((d) => d.kind === 'callbacks' && d.detail.calls.some((c) => c.callId === 'k2'))
		);
		if (first.kind !== 'callbacks') throw new Error('unreachable');
		const mine = first.detail.calls.filter((c) => c.callId.startsWith('k'));
		expect(mine.map((c) => [c.callId, c.queue, c.callerMasked])).toEqual([
			['k1', 'elderly', '137****1111'],
			['k2', 'general', '137****2222']
		]);
		expect(JSON.stringify(s.details)).not.toContain('13700001111');

		// A callback takes the call off the list, pushed without asking.
		await postEvents(server.url, [
			{ id: 'k-b1', type: 'call.callback', at: Date.now(), callId: 'k1' }
		]);
		await until(() =>
			s.details.find(
				(d) =>
					d.kind === 'callbacks' &&
					!d.detail.calls.some((c) => c.callId === 'k1') &&
					d.detail.calls.some((c) => c.callId === 'k2')
			)
		);
		s.emit('unwatch', { kind: 'callbacks' });
	});

	it('answers a bad watch with an error naming the field, and sends nothing else', async () => {
		const s = await open();
		s.emit('watch', { kind: 'queue' } as never);
		s.emit('watch', { kind: 'room', room: 'detail:queue:["elderly"]' } as never);
		const errors = await until(() => (s.errors.length >= 2 ? s.errors : null));
		expect(errors[0]).toEqual({ event: 'watch', error: expect.stringContaining('queue') });
		expect(s.details).toEqual([]);
	});

	it('raises, stores, acknowledges (REST and socket) and clears alerts', async () => {
		const s = await open();
		// An emergency ticket created 61 min ago: overdue → overdueEmergency:all (bad) raised.
		await postEvents(server.url, [
			{
				id: 'al-t1',
				type: 'ticket.created',
				at: Date.now() - 61 * 60_000,
				ticketId: 'AL1',
				category: 'emergency',
				kind: 'help',
				district: '朝阳区'
			}
		]);
		const raised = await until(() =>
			s.alertLists.at(-1)?.active.find((a) => a.key === 'overdueEmergency:all')
		);
		expect(raised).toMatchObject({
			metric: 'overdueEmergency',
			scope: 'all',
			level: 'bad',
			value: 1,
			ackedBy: null
		});

		const listed = (await (
			await fetch(`${server.url}/api/v1/alerts`, { headers })
		).json()) as AlertList;
		expect(listed.active.map((a) => a.key)).toContain('overdueEmergency:all');

		// Acknowledge by REST: 200, then 409 saying who; 404 for an unknown id.
		const ack = (id: number) =>
			fetch(`${server.url}/api/v1/alerts/${id}/ack`, { method: 'POST', headers });
		const ok = await ack(raised.id);
		expect(ok.status).toBe(200);
		const acked = (await ok.json()) as { ackedBy: string; ackedAt: string };
		expect(acked.ackedBy).toBe('test-supervisor'); // who is the signed-in user
		const again = await ack(raised.id);
		expect(again.status).toBe(409);
		expect(((await again.json()) as { message: string }).message).toContain(acked.ackedBy);
		expect((await ack(999_999)).status).toBe(404);
		// Every socket sees it acknowledged.
		await until(() =>
			s.alertLists.at(-1)?.active.find((a) => a.id === raised.id && a.ackedBy === acked.ackedBy)
		);

		// Acknowledge by socket: the longest wait, 2 min > 60 s, is another bad alert.
		await postEvents(server.url, [
			{
				id: 'al-o1',
				type: 'call.offered',
				at: Date.now() - 120_000,
				callId: 'al1',
				queue: 'foreign'
			}
		]);
		const wait = await until(() =>
			s.alertLists.at(-1)?.active.find((a) => a.key === 'longestWaitSeconds:foreign')
		);
		s.emit('alert.ack', { id: wait.id });
		await until(() =>
			s.alertLists.at(-1)?.active.find((a) => a.id === wait.id && a.ackedAt !== null)
		);
		s.emit('alert.ack', { id: wait.id });
		const dup = await until(() => s.errors.find((e) => e.event === 'alert.ack'));
		expect(dup.error).toContain('already acknowledged');

		// Dispatching the ticket clears its alert; it stays listed as recent, acknowledged.
		await postEvents(server.url, [
			{
				id: 'al-d1',
				type: 'ticket.dispatched',
				at: Date.now(),
				ticketId: 'AL1',
				department: '应急办'
			}
		]);
		const cleared = await until(() => s.alertLists.at(-1)?.recent.find((a) => a.id === raised.id));
		expect(cleared.clearedAt).not.toBeNull();
		expect(cleared.ackedBy).toBe(acked.ackedBy);
		expect(s.alertLists.at(-1)?.active.some((a) => a.id === raised.id)).toBe(false);
	});

	it('serves a ticket’s timeline with the caller masked; 404 for an unknown ticket', async () => {
		const created = Date.now() - 3 * 3600_000;
		await postEvents(server.url, [
			{
				id: 'tl-c',
				type: 'ticket.created',
				at: created,
				ticketId: 'TL1',
				category: 'livelihood',
				kind: 'complaint',
				district: '海淀区',
				callerName: '张三',
				callerPhone: '13812340000',
				summary: '小区停水'
			},
			{
				id: 'tl-d',
				type: 'ticket.dispatched',
				at: created + 3600_000,
				ticketId: 'TL1',
				department: '自来水集团'
			},
			{
				id: 'tl-f',
				type: 'ticket.feedback',
				at: created + 2 * 3600_000,
				ticketId: 'TL1',
				outcome: 'unresolvable',
				reason: '管网改造中'
			}
		]);
		const res = await fetch(`${server.url}/api/v1/tickets/TL1`, { headers });
		expect(res.status).toBe(200);
		const body = (await res.json()) as TicketTimeline;
		expect(body.status).toBe('closed');
		expect(body.entries.map((e) => e.type)).toEqual(['created', 'dispatched', 'feedback']);
		expect(body.entries[0]).toMatchObject({
			callerNameMasked: '张*',
			callerPhoneMasked: '138****0000',
			summary: '小区停水'
		});
		expect(body.entries[1]).toMatchObject({ department: '自来水集团', onTime: true });
		expect(body.entries[2]).toMatchObject({ outcome: 'unresolvable', reason: '管网改造中' });
		const text = JSON.stringify(body);
		expect(text).not.toContain('13812340000');
		expect(text).not.toContain('张三');
		const missing = await fetch(`${server.url}/api/v1/tickets/NOPE`, { headers });
		expect(missing.status).toBe(404);
		expect(((await missing.json()) as { message: string }).message).toContain('NOPE');
	});
});
