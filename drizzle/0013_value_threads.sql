CREATE TABLE `value_comments` (
	`id` integer PRIMARY KEY NOT NULL,
	`thread_id` integer NOT NULL,
	`kind` text NOT NULL,
	`author_id` integer,
	`author` text NOT NULL,
	`author_role` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`value` real,
	`revision_id` integer,
	FOREIGN KEY (`thread_id`) REFERENCES `value_threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revision_id`) REFERENCES `revisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "value_comments_kind_check" CHECK("value_comments"."kind" IN ('comment', 'corrected', 'resolve', 'reopen'))
);
--> statement-breakpoint
CREATE INDEX `value_comments_thread_idx` ON `value_comments` (`thread_id`);--> statement-breakpoint
CREATE TABLE `value_threads` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`enterprise_id` integer,
	`indicator_code` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`opened_by_id` integer,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_by_id` integer,
	`closed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "value_threads_state_check" CHECK("value_threads"."state" IN ('open', 'resolved'))
);
--> statement-breakpoint
CREATE INDEX `value_threads_quarter_idx` ON `value_threads` (`pilot_id`,`period`,`state`);