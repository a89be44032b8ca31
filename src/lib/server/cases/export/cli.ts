/**
 * The entry of build/export.mjs: `node build/export.mjs <command> ...args`. The exports that render Svelte components
 * live in this one esbuild bundle (scripts/build-export.mjs compiles the .svelte files), because the tsx-run CLI cannot
 * import .svelte files. A new export adds one line to COMMANDS with a module exporting `main(args): Promise<number>`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnglish } from '../../../i18n';
import { main as pack } from './pack-cli';
import { galleryMain as gallery } from './gallery-export';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = { pack, gallery };

/** Runs the named command with the remaining arguments and resolves to its exit code (2 for an unknown command). */
export async function run(argv: string[]): Promise<number> {
	await loadEnglish();
	const [name, ...args] = argv;
	const command = name ? COMMANDS[name] : undefined;
	if (!command) {
		console.error(`usage: node build/export.mjs <${Object.keys(COMMANDS).join('|')}> ...args`);
		return 2;
	}
	return command(args);
}

// The bundle sits in build/, the migrations in drizzle/ beside it: found from any working folder, unless set.
process.env.MIGRATIONS_DIR ??= resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');

run(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(e);
		process.exit(1);
	}
);
