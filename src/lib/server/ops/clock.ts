/** Today's date (YYYY-MM-DD) in China, where the programme runs, whatever the server's time zone. */
export function chinaToday(now = Date.now()): string {
	return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
