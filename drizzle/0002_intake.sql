CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`enterprise_id` integer,
	`indicator_code` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`revision_id` integer NOT NULL,
	`superseded_by` integer
);
--> statement-breakpoint
CREATE INDEX `observations_pilot_period_idx` ON `observations` (`pilot_id`,`period`,`superseded_by`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`number` integer NOT NULL,
	`upload_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`added` integer NOT NULL,
	`changed` integer NOT NULL,
	`removed` integer NOT NULL,
	`unchanged` integer NOT NULL,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`upload_id`) REFERENCES `uploads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_pilot_period_number_idx` ON `revisions` (`pilot_id`,`period`,`number`);--> statement-breakpoint
CREATE TABLE `rollups` (
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`indicator_code` text NOT NULL,
	`value` real NOT NULL,
	`enterprise_sum` real,
	`enterprises` integer NOT NULL,
	`revision_id` integer NOT NULL,
	PRIMARY KEY(`pilot_id`, `period`, `indicator_code`),
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer,
	`uploader` text NOT NULL,
	`at` integer NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`encoding` text NOT NULL,
	`delimiter` text NOT NULL,
	`rows` integer NOT NULL,
	`channel` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `uploads_sha_idx` ON `uploads` (`sha256`);