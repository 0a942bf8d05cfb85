/**
 * `GET /api/v1/targets`: the service-level targets the engine counts against (config
 * SERVICE_LEVEL_TARGET_SECONDS and QUEUE_TARGETS), so that the wall's labels say "≤ 20 s" for a
 * queue whose target is 20 s instead of a fixed figure. Read once per page (they change only with
 * a restart).
 */
export type ServiceTargets = {
	/** The hall's (and every queue's without its own) target, seconds. */
	serviceLevelSeconds: number;
	/** Queues with their own target, seconds. */
	byQueue: Record<string, number>;
};

/** A queue's target in seconds (its own, else the hall's). */
export const targetSecondsFor = (t: ServiceTargets, queue?: string): number =>
	(queue !== undefined ? t.byQueue[queue] : undefined) ?? t.serviceLevelSeconds;
