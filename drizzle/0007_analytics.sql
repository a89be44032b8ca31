CREATE TABLE `pilot_scores` (
	`pilot_id` integer PRIMARY KEY NOT NULL,
	`score` real NOT NULL,
	`is_candidate` integer NOT NULL,
	`detail` text NOT NULL,
	`computed_on` text NOT NULL,
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pilot_scores_score_idx` ON `pilot_scores` (`score`);--> statement-breakpoint
ALTER TABLE `pilots` ADD `reports_due` integer;--> statement-breakpoint
ALTER TABLE `pilots` ADD `reports_on_time` integer;--> statement-breakpoint
ALTER TABLE `pilots` ADD `reports_late` integer;--> statement-breakpoint
UPDATE `pilots` SET `status_computed_on` = NULL;
