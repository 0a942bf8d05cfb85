/**
 * The supervisor page's view, read from and written to the URL so that back and forward work
 * and a view can be shared: `?queue=elderly[&call=c1][&offline]`, `?agents[&team=…][&state=…]`,
 * `?agent=A1`, `?tickets[&category=…][&district=…][&department=…]`, `?ticket=T1`,
 * `?callbacks[&queue=…]`, `?district=朝阳区` (the tickets view of one district); nothing = hall.
 */
import { AGENT_STATES, CATEGORIES, type AgentState, type Category } from '$lib/contract';

export type View =
	| { kind: 'hall' }
	/** `offline`: the queue's offline agents are listed too (hidden by default). */
	| { kind: 'queue'; queue: string; call: string | null; offline?: boolean }
	| { kind: 'agents'; team: string | null; state: AgentState | null }
	| { kind: 'agent'; agentId: string; queue: string | null }
	| {
			kind: 'tickets';
			category: Category | null;
			district: string | null;
			department: string | null;
	  }
	| { kind: 'ticket'; ticketId: string }
	| { kind: 'callbacks'; queue: string | null };

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
	v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;

export function viewOf(params: URLSearchParams): View {
	const get = (k: string) => {
		const v = params.get(k);
		return v === null || v === '' ? null : v;
	};
	const ticket = get('ticket');
	if (ticket) return { kind: 'ticket', ticketId: ticket };
	const agent = get('agent');
	if (agent) return { kind: 'agent', agentId: agent, queue: get('queue') };
	if (params.has('callbacks')) return { kind: 'callbacks', queue: get('queue') };
	const queue = get('queue');
	if (queue) {
		return {
			kind: 'queue',
			queue,
			call: get('call'),
			...(params.has('offline') ? { offline: true } : {})
		};
	}
	if (params.has('agents')) {
		return { kind: 'agents', team: get('team'), state: oneOf(AGENT_STATES, get('state')) };
	}
	if (params.has('tickets') || get('district') !== null) {
		return {
			kind: 'tickets',
			category: oneOf(CATEGORIES, get('category')),
			district: get('district'),
			department: get('department')
		};
	}
	return { kind: 'hall' };
}

/** The query string (with '?') of a view; `lang` is carried over. */
export function hrefOf(view: View, lang: string | null): `?${string}` {
	const p = new URLSearchParams();
	const set = (k: string, v: string | null | undefined) => {
		if (v !== null && v !== undefined) p.set(k, v);
	};
	switch (view.kind) {
		case 'queue':
			set('queue', view.queue);
			set('call', view.call);
			if (view.offline) p.set('offline', '');
			break;
		case 'agents':
			p.set('agents', '');
			set('team', view.team);
			set('state', view.state);
			break;
		case 'agent':
			set('agent', view.agentId);
			set('queue', view.queue);
			break;
		case 'tickets':
			p.set('tickets', '');
			set('category', view.category);
			set('district', view.district);
			set('department', view.department);
			break;
		case 'ticket':
			set('ticket', view.ticketId);
			break;
		case 'callbacks':
			p.set('callbacks', '');
			set('queue', view.queue);
			break;
	}
	set('lang', lang);
	const q = p.toString().replace(/=(&|$)/g, '$1');
	return q ? `?${q}` : '?';
}
