CREATE TABLE `period_openings` (
	`pilot_id` integer NOT NULL,
	`period` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`pilot_id`, `period`),
	FOREIGN KEY (`pilot_id`) REFERENCES `pilots`(`id`) ON UPDATE no action ON DELETE cascade
);
