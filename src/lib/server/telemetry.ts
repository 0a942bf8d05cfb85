/** Prometheus metrics of the process (GET /metrics), one registry per app instance. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Telemetry = ReturnType<typeof createTelemetry>;

/** What the source gauges read at each scrape (ingest/source-health.ts `list()`). */
export type SourceGaugeView = {
	name: string;
	kind: string;
	state: string;
	lastEventAt: number | null;
	eventsPerMinute: number;
};

export function createTelemetry() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'hw_process_' });
	let readSources: () => readonly SourceGaugeView[] = () => [];
	/** A gauge per source, set from the health registry when scraped. */
	const sourceGauge = (name: string, help: string, value: (v: SourceGaugeView) => number | null) =>
		new Gauge({
			name,
			help,
			labelNames: ['source', 'kind'] as const,
			registers: [registry],
			collect() {
				this.reset();
				for (const v of readSources()) {
					const n = value(v);
					if (n !== null) this.set({ source: v.name, kind: v.kind }, n);
				}
			}
		});
	sourceGauge(
		'hw_source_up',
		'1 while a data source is connected, following or receiving and not stale',
		(v) => (v.state === 'connected' || v.state === 'following' ? 1 : 0)
	);
	sourceGauge(
		'hw_source_last_event_timestamp_seconds',
		'When a data source last delivered an event (Unix seconds)',
		(v) => (v.lastEventAt === null ? null : v.lastEventAt / 1000)
	);
	sourceGauge(
		'hw_source_events_per_minute',
		'Events a data source delivered in the last minute',
		(v) => v.eventsPerMinute
	);
	return {
		/** Makes the source gauges read `read` at every scrape. */
		observeSources(read: () => readonly SourceGaugeView[]) {
			readSources = read;
		},
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
		ingestWrites: new Counter({
			name: 'hw_ingest_writes_total',
			help: 'Writes to the event log; concurrent batches share one (group commit)',
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
