CREATE TABLE `email_verifications` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_verifications_token_hash_unique` ON `email_verifications` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_verifications_user_idx` ON `email_verifications` (`user_id`);--> statement-breakpoint
CREATE TABLE `mails` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer,
	`to_address` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`message_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "mails_kind_check" CHECK("mails"."kind" IN ('notice', 'digest', 'verify')),
	CONSTRAINT "mails_state_check" CHECK("mails"."state" IN ('pending', 'sent', 'dead', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `mails_due_idx` ON `mails` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `schedule_runs` (
	`job` text NOT NULL,
	`slot` text NOT NULL,
	`holder` text NOT NULL,
	`lease_until` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`ok` integer,
	`result` text,
	PRIMARY KEY(`job`, `slot`)
);
--> statement-breakpoint
CREATE INDEX `schedule_runs_job_idx` ON `schedule_runs` (`job`,`started_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `mail_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `skipped` text;--> statement-breakpoint
CREATE INDEX `outbox_waiting_idx` ON `outbox` (`mail_id`,`skipped`);--> statement-breakpoint
-- users gains its columns in place: rebuilding the table (drizzle-kit's way for a new CHECK) would select columns the
-- old table lacks, and, inside the migration's transaction where foreign_keys cannot be turned off, its DROP would
-- cascade to sessions and pilot links. SQLite takes a CHECK on an added column.
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email_verified_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `mail_mode` text DEFAULT 'digest' NOT NULL CONSTRAINT "users_mail_mode_check" CHECK("mail_mode" IN ('digest', 'each', 'off'));
