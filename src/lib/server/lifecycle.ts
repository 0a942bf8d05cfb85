/**
 * What a start opened, closed in reverse: the composition root (app.ts) registers every client,
 * timer and service as soon as it exists, so a start that throws midway and a shutdown both
 * release exactly what was opened, newest first. A close that fails is logged and the rest still
 * close; `close()` is idempotent.
 */
export interface Closer {
	close(): Promise<void> | void;
}

export interface Lifecycle {
	/** Registers `resource` under `name` and returns it, so a step reads `const x = life.own(…)`. */
	own<T extends Closer>(name: string, resource: T): T;
	/** Registers a bare close function (a timer, a listener). */
	defer(name: string, close: () => Promise<void> | void): void;
	/** Runs `step`; when it throws, closes everything opened so far and rethrows. */
	start<T>(step: () => Promise<T>): Promise<T>;
	/** Closes everything, newest first; later calls wait for the first. */
	close(): Promise<void>;
	/** Names still open, oldest first (for logs and tests). */
	readonly open: readonly string[];
}

export type LifecycleLogger = { warn(o: object, msg?: string): void };

export function createLifecycle(logger?: LifecycleLogger): Lifecycle {
	const stack: Array<{ name: string; close: () => Promise<void> | void }> = [];
	let closing: Promise<void> | undefined;

	async function closeAll(): Promise<void> {
		while (stack.length > 0) {
			const { name, close } = stack.pop()!;
			try {
				await close();
			} catch (err) {
				logger?.warn({ err, resource: name }, 'closing failed; closing the rest');
			}
		}
	}

	const life: Lifecycle = {
		own(name, resource) {
			if (closing) throw new Error(`cannot open ${name}: shutting down`);
			stack.push({ name, close: () => resource.close() });
			return resource;
		},
		defer(name, close) {
			if (closing) throw new Error(`cannot open ${name}: shutting down`);
			stack.push({ name, close });
		},
		async start(step) {
			try {
				return await step();
			} catch (err) {
				await life.close();
				throw err;
			}
		},
		close() {
			closing ??= closeAll();
			return closing;
		},
		get open() {
			return stack.map((s) => s.name);
		}
	};
	return life;
}
