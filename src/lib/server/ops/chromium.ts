/**
 * How this project starts Debian's Chromium (headless PDF printing, screenshots, the e2e suite): the one place for
 * its path and flags. The network flags matter on a closed machine: without them Chromium keeps calling home.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** The launch options for playwright-core's chromium.launch. */
export function chromiumLaunchOptions() {
	return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
}
