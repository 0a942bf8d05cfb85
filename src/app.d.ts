// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/auth/roles';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** Set by hooks.server.ts from the session cookie, display cookie or READ_TOKEN. */
			principal: Principal | null;
			/** Set when a rate limit refused the request: answered 429 (http/retry-after.ts). */
			retryAfterSeconds?: number;
		}
	}
}

export {};
