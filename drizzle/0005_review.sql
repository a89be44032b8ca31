CREATE TABLE `quarter_reviews` (
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`state` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`pilot_id`, `period`),
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quarter_reviews_state_idx` ON `quarter_reviews` (`state`);--> statement-breakpoint
CREATE TABLE `review_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`comment` text,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_events_pilot_idx` ON `review_events` (`pilot_id`,`period`);