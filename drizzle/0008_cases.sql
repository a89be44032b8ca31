CREATE TABLE `cases` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`slug` text NOT NULL,
	`state` text NOT NULL,
	`content` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	`withdrawn_at` integer,
	`snapshot` text,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "cases_state_check" CHECK("cases"."state" IN ('draft', 'published', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_pilot_id_unique` ON `cases` (`pilot_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_slug_unique` ON `cases` (`slug`);--> statement-breakpoint
CREATE INDEX `cases_state_idx` ON `cases` (`state`);