ALTER TABLE `pilots` ADD `progress_status` text;--> statement-breakpoint
ALTER TABLE `pilots` ADD `attainment` real;--> statement-breakpoint
ALTER TABLE `pilots` ADD `report_status` text;--> statement-breakpoint
ALTER TABLE `pilots` ADD `status_computed_on` text;