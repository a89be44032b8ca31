/** A refusal or warning about one place in a file: row and column as a person counts them. */
export type Problem = {
	/** 1-based line of the file as a spreadsheet shows it (the header is row 1); null for the whole file. */
	row: number | null;
	column: string | null;
	value: string | null;
	zh: string;
	en: string;
	severity: 'error' | 'warning';
	/** A stable code for the kind of problem (e.g. E_UNIT), for filtering and for API clients. */
	code?: string;
};

export function fileError(zh: string, en: string): Problem {
	return { row: null, column: null, value: null, zh, en, severity: 'error' };
}

export function cellError(row: number, column: string, value: string, zh: string, en: string): Problem {
	return { row, column, value, zh, en, severity: 'error' };
}
