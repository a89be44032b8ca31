// Vitest: tests read English messages synchronously, as the server does after its start-up.
import { loadEnglish } from './messages';

await loadEnglish();
