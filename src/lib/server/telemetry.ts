/** Prometheus metrics of the process (GET /metrics), one registry per app instance. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Telemetry = ReturnType<typeof createTelemetry>;

export function createTelemetry() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'hw_process_' });
	return {
		registry,
		ingestEvents: new Counter({
			name: 'hw_ingest_events_total',
			help: 'Events received by the ingest path, by result',
			labelNames: ['result'] as const,
			registers: [registry]
		}),
		ingestRequests: new Counter({
			name: 'hw_ingest_requests_total',
			help: 'Ingest HTTP requests, by status code',
			labelNames: ['status'] as const,
			registers: [registry]
		}),
		ingestSeconds: new Histogram({
			name: 'hw_ingest_batch_seconds',
			help: 'Time to validate, store and apply one batch',
			buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
			registers: [registry]
		}),
		socketClients: new Gauge({
			name: 'hw_socket_clients',
			help: 'Connected Socket.IO clients',
			registers: [registry]
		}),
		patches: new Counter({
			name: 'hw_patches_total',
			help: 'Patch broadcasts',
			registers: [registry]
		}),
		patchBytes: new Histogram({
			name: 'hw_patch_bytes',
			help: 'Size of a broadcast patch message (JSON)',
			buckets: [128, 256, 512, 1024, 2048, 4096, 16384, 65536],
			registers: [registry]
		}),
		liveSeq: new Gauge({
			name: 'hw_snapshot_seq',
			help: 'seq of the last pushed snapshot',
			registers: [registry]
		})
	};
}
