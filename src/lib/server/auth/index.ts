export * as sessions from './sessions';
export * as throttle from './throttle';
export { hashPassword, verifyPassword, passwordProblem } from './password';
export { ROLES, isRole, seesAllPilots, type Role } from './roles';
export type { SessionUser } from './sessions';
