CREATE TABLE `evidence_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `observation_evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`observation_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`added_by` integer,
	`added_at` text NOT NULL,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `evidence_files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `observation_evidence_obs_idx` ON `observation_evidence` (`observation_id`);--> statement-breakpoint
CREATE INDEX `observation_evidence_sha_idx` ON `observation_evidence` (`sha256`);--> statement-breakpoint
CREATE TABLE `indicator_status` (
	`indicator_id` integer PRIMARY KEY NOT NULL,
	`known_at` text NOT NULL,
	`as_of_from` text NOT NULL,
	`as_of_until` text NOT NULL,
	`status` text NOT NULL,
	`progress` real,
	`expected_progress` real,
	`pace` real,
	`result` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_status_status_idx` ON `indicator_status` (`status`);--> statement-breakpoint
ALTER TABLE `indicators` ADD `aggregation` text DEFAULT 'none' NOT NULL;