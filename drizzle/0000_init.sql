CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`year` integer NOT NULL,
	`notice_ref` text,
	`approved_on` text,
	`term_months` integer DEFAULT 12 NOT NULL,
	`due_offset_days` integer DEFAULT 15 NOT NULL,
	`pilots_approved` integer,
	`pilots_passed` integer,
	`pilots_parks` integer,
	`source_url` text,
	`is_demo` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_number_unique` ON `batches` (`number`);--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`industry` text,
	`credit_code` text,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_pilot_code_idx` ON `enterprises` (`pilot_id`,`code`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`group` text NOT NULL,
	`unit` text NOT NULL,
	`units` text NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pilot_indicators` (
	`pilot_id` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`base_year` integer,
	`baseline` real,
	`target_kind` text,
	`target_value` real,
	PRIMARY KEY(`pilot_id`, `indicator_code`),
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pilot_indicators_target_kind_check" CHECK("pilot_indicators"."target_kind" IS NULL OR "pilot_indicators"."target_kind" IN ('absolute', 'percent'))
);
--> statement-breakpoint
CREATE TABLE `pilot_industries` (
	`pilot_id` integer NOT NULL,
	`industry` text NOT NULL,
	PRIMARY KEY(`pilot_id`, `industry`),
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pilot_industries_industry_idx` ON `pilot_industries` (`industry`);--> statement-breakpoint
CREATE TABLE `pilot_status_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`status` text NOT NULL,
	`on` text,
	`note` text,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pilot_status_events_pilot_idx` ON `pilot_status_events` (`pilot_id`);--> statement-breakpoint
CREATE TABLE `pilots` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`batch_id` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`category` integer,
	`province_code` text,
	`air_region` text,
	`basin` text,
	`body_name` text,
	`body_type` text,
	`term_start` text,
	`term_end` text,
	`status` text NOT NULL,
	`source_url` text,
	`inferred_fields` text DEFAULT '[]' NOT NULL,
	`note` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pilots_category_check" CHECK("pilots"."category" IS NULL OR "pilots"."category" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pilots_code_unique` ON `pilots` (`code`);--> statement-breakpoint
CREATE INDEX `pilots_batch_idx` ON `pilots` (`batch_id`);--> statement-breakpoint
CREATE INDEX `pilots_province_idx` ON `pilots` (`province_code`);--> statement-breakpoint
CREATE INDEX `pilots_status_idx` ON `pilots` (`status`);--> statement-breakpoint
CREATE INDEX `pilots_category_idx` ON `pilots` (`category`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_key_idx` ON `sign_in_failures` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `user_pilots` (
	`user_id` integer NOT NULL,
	`pilot_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `pilot_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_pilots_pilot_idx` ON `user_pilots` (`pilot_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`province_code` text,
	`is_disabled` integer DEFAULT false NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" IN ('implementer', 'province', 'ministry', 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);