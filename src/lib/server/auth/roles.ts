/**
 * Who is asking: the roles of people and screens, and the principal a request or socket carries.
 * Pure types and tiny predicates; the credential checks live in `authenticate.ts`.
 */
export const USER_ROLES = ['admin', 'manager', 'supervisor'] as const;
export const ROLES = [...USER_ROLES, 'display'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type Role = (typeof ROLES)[number];

/**
 * - `user`: a person signed in with a password (server-side session cookie);
 * - `display`: an enrolled wall screen (device cookie), sees only PII-free live figures;
 * - `reader`: a machine reader holding READ_TOKEN (snapshot REST and socket only).
 */
export type Principal =
	| {
			kind: 'user';
			role: UserRole;
			userId: string;
			username: string;
			/** sha-256 of the session token (hex): the session's id, never the token itself. */
			sessionId: string;
	  }
	| { kind: 'display'; role: 'display'; displayId: string; name: string; board: string }
	| { kind: 'reader'; role: 'reader' };

export type PrincipalRole = Principal['role'];

export function isUserRole(value: unknown): value is UserRole {
	return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/** Where each kind of principal starts. */
export function homeOf(principal: Principal | null): string {
	switch (principal?.role) {
		case 'admin':
			return '/admin';
		case 'manager':
			return '/manager';
		case 'supervisor':
			return '/supervisor';
		default:
			return '/wall';
	}
}
