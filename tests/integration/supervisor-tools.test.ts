/**
 * The supervisors' everyday tools end to end on the in-process app (pinned clock): today's
 * per-agent figures in the agents and queue details pushed over the socket; long call, wrap-up
 * and break alerts by the agent's team; a person's team set by an admin and read by /supervisor.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	ClientToServerEvents,
	DetailMessage,
	ServerToClientEvents
} from '../../src/lib/contract';
import type { WallboardEvent } from '../../src/lib/contract/events';
import { startApp, type AppHandle } from '../helpers/app';
import { authHeaders, formAction, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { NO_ALERT_HOLDS, removeDir } from '../helpers/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { details: DetailMessage[] };

/** 10:00 in Beijing. */
const T = Date.parse('2026-03-10T02:00:00Z');
const MIN = 60_000;

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
	const socket = io(url, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	}) as Client;
	socket.details = [];
	socket.on('detail', (m) => socket.details.push(m));
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

describe('supervisor tools', () => {
	let h: AppHandle;
	let headers: Record<string, string>;
	const sockets: Client[] = [];
	beforeAll(async () => {
		h = await startApp(
			{ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...NO_ALERT_HOLDS },
			{ now: () => T }
		);
		headers = await authHeaders(h, 'supervisor');
	});
	afterAll(async () => {
		for (const s of sockets) s.close();
		await h?.stop();
		if (h) removeDir(h.dataDir);
	});

	it('agent rows carry today’s calls handled, average handle time and break time', async () => {
		const events: WallboardEvent[] = [
			{
				id: 'f-s0',
				type: 'agent.state',
				at: T - 120 * MIN,
				agentId: 'F1',
				state: 'available',
				name: '赵敏',
				team: 'elderly'
			},
			{ id: 'f-o1', type: 'call.offered', at: T - 60 * MIN, callId: 'fc1', queue: 'elderly' },
			{ id: 'f-a1', type: 'call.answered', at: T - 60 * MIN, callId: 'fc1', agentId: 'F1' },
			{ id: 'f-e1', type: 'call.ended', at: T - 57 * MIN, callId: 'fc1' },
			{ id: 'f-o2', type: 'call.offered', at: T - 50 * MIN, callId: 'fc2', queue: 'elderly' },
			{ id: 'f-a2', type: 'call.answered', at: T - 50 * MIN, callId: 'fc2', agentId: 'F1' },
			{ id: 'f-e2', type: 'call.ended', at: T - 45 * MIN, callId: 'fc2' },
			{ id: 'f-s1', type: 'agent.state', at: T - 40 * MIN, agentId: 'F1', state: 'break' },
			{ id: 'f-s2', type: 'agent.state', at: T - 28 * MIN, agentId: 'F1', state: 'available' },
			{ id: 'f-s3', type: 'agent.state', at: T - 5 * MIN, agentId: 'F1', state: 'break' },
			{
				id: 'f-s4',
				type: 'agent.state',
				at: T - 30 * MIN,
				agentId: 'F2',
				state: 'available',
				team: 'elderly'
			}
		];
		expect((await h.app.ingest(events)).accepted).toBe(events.length);
		const s = await connect(h.url, headers);
		sockets.push(s);
		s.emit('watch', { kind: 'agents' });
		const agents = await until(() => s.details.find((d) => d.kind === 'agents'));
		if (agents.kind !== 'agents') throw new Error('agents detail expected');
		const byId = Object.fromEntries(agents.detail.agents.map((a) => [a.agentId, a.today]));
		// 3 min + 5 min → 2 handled, 240 s; break 12 min + the 5 min since T − 5 min.
		expect(byId.F1).toEqual({ handled: 2, ahtSeconds: 240, breakSeconds: 17 * 60 });
		expect(byId.F2).toEqual({ handled: 0, ahtSeconds: null, breakSeconds: 0 });

		s.emit('watch', { kind: 'queue', queue: 'elderly' });
		const queue = await until(() => s.details.find((d) => d.kind === 'queue'));
		if (queue.kind !== 'queue') throw new Error('queue detail expected');
		expect(queue.detail.agents.find((a) => a.agentId === 'F1')?.today).toEqual(byId.F1);
	});

	it('a long wrap-up and a long call raise agent alerts; a team’s own band applies', async () => {
		const put = await fetch(`${h.url}/api/v1/thresholds`, {
			method: 'PUT',
			headers: { ...(await authHeaders(h, 'manager')), 'content-type': 'application/json' },
			body: JSON.stringify({
				byQueue: { vip: { longCallSeconds: { good: 60, warn: 120 } } }
			})
		});
		expect(put.status).toBe(200);
		const events: WallboardEvent[] = [
			{
				id: 'l-w1',
				type: 'agent.state',
				at: T - 4 * MIN,
				agentId: 'W1',
				state: 'wrapup',
				team: 'general'
			},
			{
				id: 'l-c1',
				type: 'agent.state',
				at: T - 10 * MIN,
				agentId: 'C1',
				state: 'busy',
				team: 'general'
			},
			{
				id: 'l-v1',
				type: 'agent.state',
				at: T - 3 * MIN,
				agentId: 'V1',
				state: 'busy',
				team: 'vip'
			}
		];
		expect((await h.app.ingest(events)).accepted).toBe(3);
		// Agent figures are read from the live records directly (no snapshot needed).
		await h.app.alerts.evaluate();
		const active = h.app.alerts.current().active.map((a) => `${a.key} ${a.value}`);
		expect(active).toContain('longWrapupSeconds:W1 240');
		expect(active).toContain('longCallSeconds:V1 180');
		expect(active.some((k) => k.startsWith('longCallSeconds:C1'))).toBe(false);
	});

	it('an admin sets a supervisor’s team; /supervisor’s data carries it; empty clears it', async () => {
		const sup = await authHeaders(h, 'supervisor');
		const admin = await authHeaders(h, 'admin');
		const user = (await h.app.accounts.listUsers()).find((u) => u.role === 'supervisor')!;
		const set = await formAction(h, admin.cookie!, '/admin/users?/team', {
			id: user.id,
			team: ' elderly '
		});
		expect(set.type).toBe('success');
		expect(await h.app.accounts.teamOf(user.id)).toBe('elderly');
		const data = await fetch(`${h.url}/supervisor/__data.json`, { headers: sup });
		expect(data.status).toBe(200);
		expect(await data.text()).toContain('"elderly"');
		const bad = await formAction(
			h,
			admin.cookie!,
			'/admin/users?/team',
			{ id: user.id, team: 'x'.repeat(65) },
			{ allowFailure: true }
		);
		expect(bad.type).toBe('failure');
		await formAction(h, admin.cookie!, '/admin/users?/team', { id: user.id, team: '' });
		expect(await h.app.accounts.teamOf(user.id)).toBeNull();
	});

	it('催办: an overdue ticket is urged with a note; the timeline shows who and when', async () => {
		const created = (id: string): WallboardEvent => ({
			id: `u-${id}`,
			type: 'ticket.created',
			at: T - 3 * 3600_000,
			ticketId: id,
			category: 'emergency',
			kind: 'help',
			district: '西城区'
		});
		await h.app.ingest([
			created('U1'),
			created('U2'),
			{
				id: 'u-d2',
				type: 'ticket.dispatched',
				at: T - 2 * 3600_000,
				ticketId: 'U2',
				department: '应急办'
			}
		]);
		const sup = await authHeaders(h, 'supervisor');
		const urge = (id: string, body: unknown) =>
			fetch(`${h.url}/api/v1/tickets/${id}/urge`, {
				method: 'POST',
				headers: { ...sup, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const before = Date.now();
		const res = await urge('U1', { note: '  请 30 分钟内派单  ' });
		expect(res.status).toBe(201);
		const made = (await res.json()) as { at: string; by: string; note: string };
		expect(made.note).toBe('请 30 分钟内派单');
		expect(made.by).toMatch(/supervisor/);
		expect(Date.parse(made.at)).toBeGreaterThanOrEqual(before);

		const timeline = (await (
			await fetch(`${h.url}/api/v1/tickets/U1`, { headers: sup })
		).json()) as { status: string; urges: unknown[] };
		expect(timeline.status).toBe('overdue');
		expect(timeline.urges).toEqual([made]);

		const dispatched = await urge('U2', { note: '催' });
		expect(dispatched.status).toBe(409);
		expect(((await dispatched.json()) as { message: string }).message).toContain('dispatched');
		expect((await urge('U1', { note: '   ' })).status).toBe(400);
		expect((await urge('NOPE', { note: '催' })).status).toBe(404);
		const manager = await fetch(`${h.url}/api/v1/tickets/U1/urge`, {
			method: 'POST',
			headers: { ...(await authHeaders(h, 'manager')), 'content-type': 'application/json' },
			body: JSON.stringify({ note: '经理催办' })
		});
		expect(manager.status).toBe(201);
	});
});
