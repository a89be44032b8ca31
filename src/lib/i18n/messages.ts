/** The message tables: Chinese first, English typed against it. */
import { zh } from './zh';

export type MessageKey = keyof typeof zh;
export { zh };
export { en } from './en';
