CREATE TABLE `audit_credits` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer NOT NULL,
	`pilot_id` integer NOT NULL,
	`enterprise_id` integer,
	`enterprise_name` text NOT NULL,
	`credit_code` text,
	`province_code` text,
	`granted_on` text NOT NULL,
	`granted_by_correction` integer,
	`revoked_on` text,
	`revoked_by_correction` integer,
	FOREIGN KEY (`list_id`) REFERENCES `pass_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`granted_by_correction`) REFERENCES `pass_list_corrections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by_correction`) REFERENCES `pass_list_corrections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_credits_code_idx` ON `audit_credits` (`credit_code`);--> statement-breakpoint
CREATE INDEX `audit_credits_pilot_idx` ON `audit_credits` (`pilot_id`);--> statement-breakpoint
CREATE INDEX `audit_credits_province_idx` ON `audit_credits` (`province_code`);--> statement-breakpoint
CREATE TABLE `deliverables` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text,
	`date` text NOT NULL,
	`url` text,
	`file_name` text,
	`size` integer,
	`sha256` text,
	`abstract` text DEFAULT '' NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deliverables_kind_check" CHECK("deliverables"."kind" IN ('model', 'norm', 'tech_list', 'standard', 'case', 'other'))
);
--> statement-breakpoint
CREATE INDEX `deliverables_pilot_idx` ON `deliverables` (`pilot_id`);--> statement-breakpoint
CREATE INDEX `deliverables_kind_idx` ON `deliverables` (`kind`);--> statement-breakpoint
CREATE TABLE `evaluation_decisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`decided_on` text NOT NULL,
	`mean_score` real,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	`reopened_at` integer,
	`reopened_by` text,
	`reopen_reason` text,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "evaluation_decisions_decision_check" CHECK("evaluation_decisions"."decision" IN ('passed', 'not_passed'))
);
--> statement-breakpoint
CREATE INDEX `evaluation_decisions_pilot_idx` ON `evaluation_decisions` (`pilot_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_decisions_current_idx` ON `evaluation_decisions` (`pilot_id`) WHERE "evaluation_decisions"."reopened_at" IS NULL;--> statement-breakpoint
CREATE TABLE `evaluation_scores` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`expert` text NOT NULL,
	`scores` text NOT NULL,
	`total` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_scores_pilot_expert_idx` ON `evaluation_scores` (`pilot_id`,`expert`);--> statement-breakpoint
CREATE TABLE `pass_list_corrections` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` integer NOT NULL,
	`pilot_id` integer NOT NULL,
	`corrected_on` text NOT NULL,
	`from_decision` text,
	`to_decision` text,
	`reason` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `pass_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pass_list_corrections_list_idx` ON `pass_list_corrections` (`list_id`);--> statement-breakpoint
CREATE TABLE `pass_lists` (
	`id` integer PRIMARY KEY NOT NULL,
	`batch_id` integer NOT NULL,
	`ref_no` text NOT NULL,
	`published_on` text NOT NULL,
	`entries` text NOT NULL,
	`evaluated` integer NOT NULL,
	`passed` integer NOT NULL,
	`not_passed` integer NOT NULL,
	`published_by` text NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pass_lists_batch_id_unique` ON `pass_lists` (`batch_id`);--> statement-breakpoint
CREATE TABLE `summary_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`comment` text,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `summary_events_pilot_idx` ON `summary_events` (`pilot_id`);--> statement-breakpoint
CREATE TABLE `summary_files` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `summary_files_pilot_idx` ON `summary_files` (`pilot_id`);--> statement-breakpoint
CREATE TABLE `term_summaries` (
	`pilot_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`content` text NOT NULL,
	`figures` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`forwarded_at` integer,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "term_summaries_state_check" CHECK("term_summaries"."state" IN ('draft', 'submitted', 'returned', 'forwarded'))
);
--> statement-breakpoint
CREATE INDEX `term_summaries_state_idx` ON `term_summaries` (`state`);--> statement-breakpoint
ALTER TABLE `batches` ADD `summary_overdue_days` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `batches` ADD `evaluation_criteria` text;--> statement-breakpoint
CREATE TRIGGER `pass_lists_frozen_update` BEFORE UPDATE ON `pass_lists` BEGIN SELECT RAISE(ABORT, 'a published pass list is frozen; record a correction'); END;
--> statement-breakpoint
CREATE TRIGGER `pass_lists_frozen_delete` BEFORE DELETE ON `pass_lists` BEGIN SELECT RAISE(ABORT, 'a published pass list is frozen; record a correction'); END;
--> statement-breakpoint
CREATE TRIGGER `pass_list_corrections_no_update` BEFORE UPDATE ON `pass_list_corrections` BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `pass_list_corrections_no_delete` BEFORE DELETE ON `pass_list_corrections` BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
