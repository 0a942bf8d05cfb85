/**
 * The benchmark's clients, in their own process so that their CPU is not the server's or the
 * load generator's. Driven over IPC by bench/fanout.ts (child_process.fork):
 *   → {type:'connect', url, clients}   ← {type:'connected', ms}
 *   → {type:'record'}                  ← {type:'recording', base}
 *   → {type:'report', starts, until}   ← {type:'report', latency, wire}
 *   → {type:'close'}                   ← {type:'closed'} and exit
 */
import { ClientPool, type LatencyReport, type WireSizes } from './clients';
import { clock } from './stats';

export type WorkerRequest =
	| { type: 'connect'; url: string; clients: number }
	| { type: 'record' }
	| { type: 'report'; starts: number[]; until: number }
	| { type: 'close' };

export type WorkerReply =
	| { type: 'connected'; ms: number }
	| { type: 'recording'; base: number }
	| { type: 'report'; latency: LatencyReport; wire: WireSizes }
	| { type: 'closed' }
	| { type: 'error'; message: string };

let pool: ClientPool | undefined;
let base = 0;

const send = (reply: WorkerReply) => process.send?.(reply);

async function handle(request: WorkerRequest): Promise<void> {
	switch (request.type) {
		case 'connect': {
			const started = clock();
			pool = new ClientPool(request.url);
			await pool.connect(request.clients);
			send({ type: 'connected', ms: clock() - started });
			return;
		}
		case 'record':
			base = pool!.record();
			send({ type: 'recording', base });
			return;
		case 'report':
			send({
				type: 'report',
				latency: pool!.latencies(base, request.starts, request.until),
				wire: pool!.wire
			});
			return;
		case 'close':
			pool?.close();
			send({ type: 'closed' });
			process.disconnect?.();
			setTimeout(() => process.exit(0), 200).unref();
			return;
	}
}

process.on('message', (request: WorkerRequest) => {
	handle(request).catch((err: unknown) =>
		send({ type: 'error', message: err instanceof Error ? err.message : String(err) })
	);
});
// The parent going away ends the worker too.
process.on('disconnect', () => process.exit(0));
