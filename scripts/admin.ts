/**
 * Account administration from the server's shell, for the first admin and for recovery:
 *
 *   npm run admin -- create-admin <name>          (asks for the password, or --password-stdin)
 *   npm run admin -- create-user <name> <role>    (role: admin | manager | supervisor)
 *   npm run admin -- reset-password <name>
 *   npm run admin -- set-team <name> <queue|->        (the team /supervisor opens on; - clears)
 *   npm run admin -- list-users
 *
 * Uses the same DATABASE_URL / DATA_DIR as the server. On the embedded database, stop the server
 * first (one process per data folder).
 */
import readline from 'node:readline';
import { createAccounts } from '../src/lib/server/accounts';
import { ConfigError, loadConfig } from '../src/lib/server/config';
import { openStore } from '../src/lib/server/db/store';

const USAGE = `usage:
  npm run admin -- create-admin <name> [--password-stdin]
  npm run admin -- create-user <name> <admin|manager|supervisor> [--password-stdin]
  npm run admin -- reset-password <name> [--password-stdin]
  npm run admin -- set-team <name> <queue|->
  npm run admin -- list-users`;

async function readPassword(fromStdin: boolean): Promise<string> {
	if (fromStdin || !process.stdin.isTTY) {
		let text = '';
		for await (const chunk of process.stdin) text += String(chunk);
		return text.replace(/\r?\n$/, '');
	}
	const ask = (prompt: string) =>
		new Promise<string>((resolve) => {
			const rl = readline.createInterface({
				input: process.stdin,
				output: process.stdout,
				terminal: true
			});
			const out = rl as unknown as {
				_writeToOutput: (s: string) => void;
				output: NodeJS.WriteStream;
			};
			process.stdout.write(prompt);
			out._writeToOutput = () => {}; // no echo
			rl.question('', (answer) => {
				rl.close();
				process.stdout.write('\n');
				resolve(answer);
			});
		});
	const first = await ask('password (at least 12 characters): ');
	const again = await ask('again: ');
	if (first !== again) throw new Error('the two passwords differ');
	return first;
}

async function main(argv: string[]): Promise<number> {
	const fromStdin = argv.includes('--password-stdin');
	const [command, name, role] = argv.filter((a) => !a.startsWith('--'));
	if (!command || (command !== 'list-users' && !name)) {
		console.error(USAGE);
		return 2;
	}
	const config = loadConfig(process.env);
	const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
	try {
		const accounts = createAccounts(store.db);
		switch (command) {
			case 'list-users': {
				for (const u of await accounts.listUsers()) {
					console.log(
						`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.team ?? '-'}`
					);
				}
				return 0;
			}
			case 'create-admin':
			case 'create-user': {
				const password = await readPassword(fromStdin);
				const user = await accounts.createUser({
					username: name,
					role: command === 'create-admin' ? 'admin' : role,
					password
				});
				console.log(`created ${user.role} "${user.username}"`);
				return 0;
			}
			case 'reset-password': {
				const user = (await accounts.listUsers()).find((u) => u.username === name?.toLowerCase());
				if (!user) throw new Error(`no user "${name}"`);
				await accounts.resetPassword(user.id, await readPassword(fromStdin));
				console.log(`password of "${user.username}" reset; their sessions were ended`);
				return 0;
			}
			case 'set-team': {
				const user = (await accounts.listUsers()).find((u) => u.username === name?.toLowerCase());
				if (!user) throw new Error(`no user "${name}"`);
				if (role === undefined) throw new Error('set-team needs a queue, or - to clear it');
				const team = await accounts.setUserTeam(user.id, role);
				console.log(
					team === null
						? `"${user.username}" has no team (the whole hall)`
						: `"${user.username}" leads ${team}`
				);
				return 0;
			}
			default:
				console.error(USAGE);
				return 2;
		}
	} finally {
		await store.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err: unknown) => {
		if (err instanceof ConfigError) console.error(err.message);
		else console.error(`admin: ${err instanceof Error ? err.message : String(err)}`);
		process.exit(1);
	}
);
