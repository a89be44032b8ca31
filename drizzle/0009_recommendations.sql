CREATE TABLE `recommendation_files` (
	`id` integer PRIMARY KEY NOT NULL,
	`recommendation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "recommendation_files_kind_check" CHECK("recommendation_files"."kind" IN ('letter', 'plan'))
);
--> statement-breakpoint
CREATE INDEX `recommendation_files_rec_idx` ON `recommendation_files` (`recommendation_id`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY NOT NULL,
	`batch_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`state` text NOT NULL,
	`draft` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`decision_reason` text,
	`pilot_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recommendations_state_check" CHECK("recommendations"."state" IN ('draft', 'submitted', 'approved', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `recommendations_batch_province_idx` ON `recommendations` (`batch_id`,`province_code`);--> statement-breakpoint
ALTER TABLE `batches` ADD `recommendation_deadline` text;--> statement-breakpoint
ALTER TABLE `batches` ADD `quota_per_province` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `batches` ADD `package_limit_bytes` integer DEFAULT 52428800 NOT NULL;--> statement-breakpoint
ALTER TABLE `batches` ADD `open_categories` text DEFAULT '[1,2,3,4]' NOT NULL;--> statement-breakpoint
UPDATE `batches` SET `recommendation_deadline` = '2023-04-07' WHERE `number` = 2 AND `recommendation_deadline` IS NULL;
